package dev.drydock.server.inventory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A recording proxy on loopback in front of a test registry: it forwards every request, records
 * {@code METHOD path} of each, and pages {@code /v2/NAME/tags/list} by {@code n} and {@code last}
 * with a {@code Link: <…>; rel="next"} header — Debian's distribution 2.8 pages the catalog but
 * answers every tag at once, so tag-list pagination is exercised through this proxy. With a blob
 * delay it answers every blob GET only after that delay, so a scan lasts long enough for a test to
 * kill the server in the middle of it.
 */
public final class RegistryProxy implements AutoCloseable {

  private static final Pattern TAGS = Pattern.compile("/v2/(.+)/tags/list");
  private static final List<String> FORWARDED = List.of("Content-Type", "Docker-Content-Digest", "WWW-Authenticate",
      "Link", "Location", "Docker-Distribution-Api-Version");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI upstream;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  private final Duration blobDelay;

  public RegistryProxy(URI upstream) throws IOException {
    this(upstream, Duration.ZERO);
  }

  public RegistryProxy(URI upstream, Duration blobDelay) throws IOException {
    this.upstream = upstream;
    this.blobDelay = blobDelay;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    if (!blobDelay.isZero()) {
      server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Every request so far as {@code METHOD path?query}. */
  List<String> requests() {
    return new ArrayList<>(requests);
  }

  void clear() {
    requests.clear();
  }

  /** Requests with this method whose path contains {@code fragment}. */
  long count(String method, String fragment) {
    return requests.stream().filter(r -> r.startsWith(method + " ") && r.contains(fragment)).count();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      requests.add(method + " " + path + (query == null ? "" : "?" + query));
      Matcher tags = TAGS.matcher(path);
      if (method.equals("GET") && tags.matches()) {
        pageTags(ex, path, query, tags.group(1));
        return;
      }
      if (method.equals("GET") && path.contains("/blobs/") && !blobDelay.isZero()) {
        Thread.sleep(blobDelay.toMillis());
      }
      HttpResponse<byte[]> r = forward(ex, path + (query == null ? "" : "?" + query));
      reply(ex, r, r.body(), method.equals("HEAD"));
    } catch (IOException e) {
      ex.sendResponseHeaders(502, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.sendResponseHeaders(502, -1);
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange ex, String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    for (String h : List.of("Accept", "Authorization")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null) {
        b.header(h, v);
      }
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private void pageTags(HttpExchange ex, String path, String query, String name)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r = forward(ex, path);
    if (r.statusCode() != 200) {
      reply(ex, r, r.body(), false);
      return;
    }
    Map<String, String> q = parse(query);
    JsonNode all = JSON.readTree(r.body());
    TreeSet<String> remaining = new TreeSet<>();
    all.path("tags").forEach(t -> remaining.add(t.asString()));
    String last = q.get("last");
    List<String> page = new ArrayList<>(last == null ? remaining : remaining.tailSet(last, false));
    int n = q.containsKey("n") ? Integer.parseInt(q.get("n")) : page.size();
    boolean more = page.size() > n;
    page = page.subList(0, Math.min(n, page.size()));
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    page.forEach(body.putArray("tags")::add);
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (more) {
      ex.getResponseHeaders().set("Link", "<" + path + "?n=" + n + "&last="
          + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
    ex.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void reply(HttpExchange ex, HttpResponse<byte[]> r, byte[] body, boolean head) throws IOException {
    for (String h : FORWARDED) {
      r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().set(h, v));
    }
    if (head || body.length == 0) {
      ex.sendResponseHeaders(r.statusCode(), -1);
      return;
    }
    ex.sendResponseHeaders(r.statusCode(), body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> out = new HashMap<>();
    if (query != null) {
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private boolean closed;

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
      if (server.getExecutor() instanceof java.util.concurrent.ExecutorService e) {
        e.shutdownNow();
      }
    }
  }
}
