package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.http.ConnectionFailures;
import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.DigestVerifyingInputStream;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for one registry's OCI Distribution API: manifests, blobs, catalog and tag lists.
 *
 * <p>Authentication follows the registry's challenge: anonymous first, then HTTP Basic or a
 * bearer token fetched from the {@code realm} of a {@code Bearer} challenge (with the
 * {@code service} and {@code scope} it names), cached per scope until it expires. Requests that
 * fail with 429, 5xx or a connection error are retried with exponential backoff (honouring
 * {@code Retry-After}); final failures become {@link RegistryException}s whose message names the
 * operation and the image. Redirects (blob storage) are followed by hand so that credentials are
 * never sent to another host, nor over plain HTTP after HTTPS. Every response body is bounded
 * (manifests 4 MiB, list pages 64 MiB, tokens 1 MiB, error answers 16 KiB; blobs their descriptor's
 * size) and fails with a timeout when the registry stops sending ({@link StallGuard}).
 *
 * <p>Thread-safe: one client serves parallel layer downloads.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution spec</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 */
public final class RegistryClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_MANIFEST_BYTES = 4L << 20;
  private static final long MAX_LIST_BYTES = 64L << 20;
  private static final long MAX_TOKEN_BYTES = 1L << 20;
  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  /**
   * @param insecure use plain HTTP instead of HTTPS
   * @param requestTimeout how long to wait for a response's headers, and for each next byte of a blob
   * @param maxAttempts attempts per request for retryable failures (≥ 1)
   */
  public record Options(boolean insecure, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
      Duration initialBackoff, String userAgent) {
    public static final Options DEFAULT = new Options(false, Duration.ofSeconds(30), Duration.ofSeconds(120), 5,
        Duration.ofMillis(500), "drydock/0.1");

    public Options withInsecure(boolean i) {
      return new Options(i, connectTimeout, requestTimeout, maxAttempts, initialBackoff, userAgent);
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(insecure, connectTimeout, timeout, maxAttempts, initialBackoff, userAgent);
    }

    public Options withRetries(int attempts, Duration backoff) {
      return new Options(insecure, connectTimeout, requestTimeout, attempts, backoff, userAgent);
    }
  }

  /** A manifest exactly as served, with the digest of its bytes. */
  public record FetchedManifest(byte[] bytes, @Nullable String contentType, Digest digest) {}

  private final String host;
  private final String apiHost;
  private final CredentialProvider credentials;
  private final Options options;
  private final HttpClient http;
  private final ConcurrentHashMap<String, BearerToken> tokens = new ConcurrentHashMap<>();
  private volatile boolean basicAuth;

  /**
   * @param host the registry as it appears in references ({@code docker.io}, {@code 127.0.0.1:5000})
   * @param apiHost where its API is served ({@code registry-1.docker.io} for Docker Hub, else the same)
   */
  public RegistryClient(String host, String apiHost, CredentialProvider credentials, Options options) {
    this.host = host;
    this.apiHost = apiHost;
    this.credentials = credentials;
    this.options = options;
    this.http = HttpClient.newBuilder()
        .sslContext(dev.drydock.http.LazyTls.context())
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public String host() {
    return host;
  }

  /**
   * Stops the HTTP client's selector thread at once. Until it stops, that thread waits in native
   * code, and a JVM exiting meanwhile waits up to 300 ms for it; requests under way are cancelled.
   */
  @Override
  public void close() {
    http.shutdownNow();
  }

  private URI base() {
    return URI.create((options.insecure() ? "http://" : "https://") + apiHost);
  }

  /** GETs a manifest by tag or digest with full content negotiation (never schema 1). */
  public FetchedManifest fetchManifest(String repository, String reference, String what) throws IOException {
    URI uri = base().resolve("/v2/" + repository + "/manifests/" + reference);
    HttpResponse<InputStream> r = send(uri, "GET", MediaTypes.MANIFEST_ACCEPT, pullScope(repository), what, Kind.MANIFEST);
    byte[] bytes = readBody(r, MAX_MANIFEST_BYTES, "manifest of " + what);
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new RegistryException("manifest too large (over " + MAX_MANIFEST_BYTES + " bytes): " + what, 200, false);
    }
    Digest digest = Digest.sha256(bytes);
    if (Digest.isDigest(reference)) {
      Digest want = Digest.parse(reference);
      Digest got = want.algorithm().equals("sha256") ? digest : hash(want, bytes);
      if (!got.equals(want)) {
        throw new dev.drydock.image.DigestMismatchException(want, got.toString());
      }
      digest = want;
    } else {
      String header = r.headers().firstValue("Docker-Content-Digest").orElse(null);
      if (header != null && Digest.isDigest(header) && Digest.parse(header).algorithm().equals("sha256")
          && !Digest.parse(header).equals(digest)) {
        throw new RegistryException("manifest for " + what + " hashes to " + digest
            + " but the registry says " + header, 200, false);
      }
    }
    return new FetchedManifest(bytes, r.headers().firstValue("Content-Type").orElse(null), digest);
  }

  /** Resolves a tag to its manifest digest with a HEAD request, if the registry tells it. */
  public Optional<Digest> headManifest(String repository, String reference, String what) throws IOException {
    URI uri = base().resolve("/v2/" + repository + "/manifests/" + reference);
    HttpResponse<InputStream> r = send(uri, "HEAD", MediaTypes.MANIFEST_ACCEPT, pullScope(repository), what, Kind.MANIFEST);
    r.body().close();
    return r.headers().firstValue("Docker-Content-Digest").filter(Digest::isDigest).map(Digest::parse);
  }

  /** Opens a blob; the stream verifies size and digest as it is read. */
  public DigestVerifyingInputStream openBlob(String repository, Descriptor d, String what) throws IOException {
    URI uri = base().resolve("/v2/" + repository + "/blobs/" + d.digest());
    HttpResponse<InputStream> r = send(uri, "GET", "*/*", pullScope(repository), what + " blob " + d.digest(), Kind.BLOB);
    return new DigestVerifyingInputStream(new StallGuard(r.body(), options.requestTimeout(), "blob " + d.digest()
        + " of " + what + " from " + host), d.digest(), d.size());
  }

  /** Reads a small blob (a config) whole, verified, refusing more than {@code max} bytes. */
  public byte[] fetchBlob(String repository, Descriptor d, long max, String what) throws IOException {
    if (d.size() > max) {
      throw new RegistryException("blob " + d.digest() + " of " + what + " is " + d.size() + " bytes, over the "
          + max + "-byte limit", 200, false);
    }
    try (DigestVerifyingInputStream in = openBlob(repository, d, what)) {
      byte[] b = in.readAllBytes();
      in.drainAndVerify();
      return b;
    }
  }

  /** Lists repositories through {@code /v2/_catalog}, following {@code Link} pagination. */
  public List<String> catalog(int pageSize) throws IOException {
    return paginate("/v2/_catalog?n=" + pageSize, "repositories", "registry:catalog:*", "catalog of " + host);
  }

  /** Lists a repository's tags through {@code /v2/NAME/tags/list}, following {@code Link} pagination. */
  public List<String> tags(String repository, int pageSize) throws IOException {
    return paginate("/v2/" + repository + "/tags/list?n=" + pageSize, "tags", pullScope(repository),
        "tags of " + host + "/" + repository);
  }

  private List<String> paginate(String first, String field, String scope, String what) throws IOException {
    List<String> out = new ArrayList<>();
    URI next = base().resolve(first);
    for (int page = 0; next != null; page++) {
      if (page > 100_000) {
        throw new RegistryException("too many pages listing " + what, 200, false);
      }
      HttpResponse<InputStream> r = send(next, "GET", "application/json", scope, what, Kind.LIST);
      byte[] bytes = readBody(r, MAX_LIST_BYTES, what);
      if (bytes.length > MAX_LIST_BYTES) {
        throw new RegistryException("a page of the " + what + " is over " + MAX_LIST_BYTES + " bytes", 200, false);
      }
      JsonNode body = JSON.readTree(bytes);
      body.path(field).forEach(n -> out.add(n.asText()));
      next = r.headers().firstValue("Link").map(l -> {
        Matcher m = LINK_NEXT.matcher(l);
        return m.find() ? base().resolve(m.group(1)) : null;
      }).orElse(null);
    }
    return out;
  }

  private static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  private enum Kind { MANIFEST, BLOB, LIST }

  private HttpResponse<InputStream> send(URI uri, String method, String accept, String scope, String what, Kind kind)
      throws IOException {
    boolean triedAuth = false;
    URI target = uri;
    int redirects = 0;
    int attempt = 0;
    while (true) {
      attempt++;
      boolean sameHost = sendsCredentialsTo(uri, target);
      HttpRequest.Builder b = HttpRequest.newBuilder(target)
          .method(method, HttpRequest.BodyPublishers.noBody())
          .timeout(options.requestTimeout())
          .header("Accept", accept)
          .header("User-Agent", options.userAgent());
      if (sameHost) {
        authorize(b, scope);
      }
      HttpResponse<InputStream> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        if (attempt < options.maxAttempts()) {
          backoff(attempt, null, what);
          continue;
        }
        throw new RegistryException("timed out talking to " + host + " for " + what, 0, true, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching " + what);
      } catch (IOException e) {
        boolean tls = tlsFailure(e);
        if (attempt < options.maxAttempts() && !unresolved(e) && !tls) {
          backoff(attempt, null, what);
          continue;
        }
        throw new RegistryException("cannot reach registry " + host + " for " + what + ": " + describe(e, target), 0,
            !tls, e);
      }
      int status = r.statusCode();
      if (status >= 200 && status < 300) {
        return r;
      }
      String body = errorBody(r);
      if (status == 401 && sameHost && !triedAuth) {
        triedAuth = true;
        attempt--; // answering a challenge is not a retry
        if (authenticate(r, scope, what)) {
          continue;
        }
        throw new RegistryException.Unauthorized(what, detail(body, "authentication required"));
      }
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        String location = r.headers().firstValue("Location").orElse(null);
        if (location == null || ++redirects > 5) {
          throw new RegistryException("bad redirect from " + host + " for " + what, status, false);
        }
        target = target.resolve(location);
        attempt--;
        continue;
      }
      if ((status == 429 || status >= 500) && attempt < options.maxAttempts()) {
        backoff(attempt, r.headers().firstValue("Retry-After").orElse(null), what);
        continue;
      }
      throw failure(status, body, what, kind);
    }
  }

  /**
   * Whether a request to {@code target} (a redirect of a request to {@code origin}) may carry the
   * registry's credentials: only to the same authority over the same scheme, so that a redirect to
   * blob storage elsewhere, or from HTTPS to plain HTTP on the same host, never sees them.
   */
  static boolean sendsCredentialsTo(URI origin, URI target) {
    return Objects.equals(target.getAuthority(), origin.getAuthority())
        && String.valueOf(target.getScheme()).equalsIgnoreCase(String.valueOf(origin.getScheme()));
  }

  /**
   * Reads a response body whole, but at most {@code max + 1} bytes (more means too large; the
   * caller says so), failing with a timeout when the registry sends nothing for the request
   * timeout: a body that trickles or stalls never holds a thread for ever, nor one that never ends
   * fills the memory.
   */
  private byte[] readBody(HttpResponse<InputStream> r, long max, String what) throws IOException {
    try (InputStream in = new StallGuard(r.body(), options.requestTimeout(), what + " from " + host)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    }
  }

  private RegistryException failure(int status, String body, String what, Kind kind) {
    return switch (status) {
      case 401 -> new RegistryException.Unauthorized(what, detail(body, "authentication required"));
      case 403 -> new RegistryException("denied: " + detail(body, "access forbidden") + ": " + what, 403, false);
      case 404 -> kind == Kind.MANIFEST
          ? new RegistryException.ManifestUnknown(what)
          : new RegistryException((kind == Kind.BLOB ? "blob unknown: " : "not found: ") + what, 404, false);
      case 429 -> new RegistryException("too many requests (429) from " + host + " for " + what, 429, true);
      default -> new RegistryException("registry " + host + " answered " + status + " for " + what
          + (body.isEmpty() ? "" : ": " + detail(body, "")), status, status >= 500);
    };
  }

  private void authorize(HttpRequest.Builder b, String scope) throws IOException {
    BearerToken t = tokens.get(scope);
    if (t != null && !t.expired()) {
      b.header("Authorization", "Bearer " + t.token());
    } else if (basicAuth) {
      Optional<Credentials> c = credentials.forRegistry(host);
      if (c.isPresent()) {
        b.header("Authorization", c.get().basicHeader());
      }
    }
  }

  /** Answers a 401 challenge; returns false when there is nothing more to try. */
  private boolean authenticate(HttpResponse<?> r, String scope, String what) throws IOException {
    Optional<Challenge> ch = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
    if (ch.isEmpty()) {
      return false;
    }
    switch (ch.get().scheme()) {
      case "basic" -> {
        if (credentials.forRegistry(host).isEmpty()) {
          return false;
        }
        basicAuth = true;
        return true;
      }
      case "bearer" -> {
        String realm = ch.get().param("realm");
        if (realm == null) {
          throw new RegistryException("registry " + host + " sent a Bearer challenge without realm", 401, false);
        }
        String tokenScope = scope;
        String challengeScope = ch.get().param("scope");
        if (challengeScope != null && !challengeScope.isBlank() && !challengeScope.startsWith("repository:")) {
          tokenScope = challengeScope;
        }
        tokens.put(scope, fetchToken(realm, ch.get().param("service"), tokenScope, what));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Gets a bearer token from the challenge's realm: a GET with the service and scope, carrying the
   * Basic credentials if there are any; or, for an identity token, the OAuth2 refresh-token grant
   * (a POST of {@code grant_type=refresh_token}, as docker does), whose answer is an
   * {@code access_token}.
   */
  private BearerToken fetchToken(String realm, @Nullable String service, String scope, String what) throws IOException {
    Optional<Credentials> c = credentials.forRegistry(host);
    boolean oauth = c.isPresent() && c.get().isIdentityToken();
    StringBuilder q = new StringBuilder();
    if (service != null) {
      q.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
    }
    q.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    URI uri;
    try {
      uri = URI.create(oauth ? realm : realm + (realm.contains("?") ? "&" : "?") + q);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("registry " + host + " sent an invalid token realm: " + realm, 401, false);
    }
    if (!options.insecure() && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new RegistryException("refusing to send credentials to non-HTTPS token realm " + realm
          + " (use --insecure for plain-HTTP registries)", 401, false);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout())
        .header("User-Agent", options.userAgent());
    if (oauth) {
      String form = "grant_type=refresh_token&client_id=drydock&" + q + "&refresh_token="
          + URLEncoder.encode(c.get().password(), StandardCharsets.UTF_8);
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    } else {
      c.ifPresent(cr -> b.header("Authorization", cr.basicHeader()));
    }
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching a token for " + what);
      } catch (IOException e) {
        boolean tls = tlsFailure(e);
        if (attempt < options.maxAttempts() && !unresolved(e) && !tls) {
          backoff(attempt, null, what);
          continue;
        }
        throw new RegistryException("cannot reach token service " + uri.getHost() + " for " + what + ": "
            + describe(e, uri), 0, !tls, e);
      }
      if (r.statusCode() != 200) {
        r.body().close();
      }
      if ((r.statusCode() == 429 || r.statusCode() >= 500) && attempt < options.maxAttempts()) {
        backoff(attempt, r.headers().firstValue("Retry-After").orElse(null), what);
        continue;
      }
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw new RegistryException.Unauthorized(what, oauth ? "token service refused the identity token"
            : c.isPresent() ? "token service refused the credentials" : "authentication required");
      }
      if (r.statusCode() != 200) {
        throw new RegistryException("token service " + uri.getHost() + " answered " + r.statusCode() + " for " + what,
            r.statusCode(), r.statusCode() >= 500);
      }
      byte[] bytes = readBody(r, MAX_TOKEN_BYTES, "the token for " + what);
      if (bytes.length > MAX_TOKEN_BYTES) {
        throw new RegistryException("token service " + uri.getHost() + " answered more than " + MAX_TOKEN_BYTES
            + " bytes for " + what, 200, false);
      }
      JsonNode body = JSON.readTree(bytes);
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new RegistryException("token service " + uri.getHost() + " returned no token for " + what, 200, false);
      }
      long expiresIn = Math.max(60, body.path("expires_in").asLong(60));
      return new BearerToken(token, System.nanoTime() + Duration.ofSeconds(expiresIn - 10).toNanos());
    }
  }

  private record BearerToken(String token, long expiresAtNanos) {
    boolean expired() {
      return System.nanoTime() - expiresAtNanos > 0;
    }

    @Override
    public String toString() {
      return "BearerToken[****]";
    }
  }

  private void backoff(int attempt, @Nullable String retryAfter, String what) throws InterruptedIOException {
    long millis = options.initialBackoff().toMillis() << Math.min(attempt - 1, 6);
    if (retryAfter != null) {
      try {
        millis = Math.max(millis, Math.min(60_000, Long.parseLong(retryAfter.trim()) * 1000));
      } catch (NumberFormatException ignored) {
        // An HTTP-date Retry-After: keep our own backoff.
      }
    }
    LOG.debug("retrying request for {} in {} ms (attempt {})", what, millis, attempt + 1);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry " + what);
    }
  }

  private String errorBody(HttpResponse<InputStream> r) {
    try {
      byte[] b = readBody(r, 16 * 1024, "an error answer");
      return new String(b, 0, Math.min(b.length, 16 * 1024), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The first {@code errors[].message} (and detail) of a distribution error body, else the fallback. */
  static String detail(String body, String fallback) {
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode e = n.path("errors").path(0);
      if (e.has("message")) {
        String m = e.path("message").asText();
        String code = e.path("code").asText("");
        return code.isEmpty() || m.toUpperCase(java.util.Locale.ROOT).replace(' ', '_').equals(code) ? m : m + " (" + code + ")";
      }
    } catch (IOException | RuntimeException ignored) {
      // not JSON
    }
    return fallback;
  }

  private static boolean unresolved(Throwable e) {
    return ConnectionFailures.unresolved(e);
  }

  private static boolean tlsFailure(Throwable e) {
    return ConnectionFailures.tls(e);
  }

  private static String describe(IOException e, URI target) {
    if (tlsFailure(e) && String.valueOf(e.getMessage()).contains("plaintext connection")) {
      return "it answered plain HTTP to a TLS handshake (use --insecure for a plain-HTTP registry)";
    }
    return ConnectionFailures.describe(e, target);
  }

  private static Digest hash(Digest like, byte[] bytes) {
    java.security.MessageDigest md = like.newMessageDigest();
    return new Digest(like.algorithm(), java.util.HexFormat.of().formatHex(md.digest(bytes)));
  }
}
