package dev.drydock.vuln.db;

import static dev.drydock.vuln.feed.FeedFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.vuln.feed.FeedKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater against a loopback HTTP server serving the fixtures: one path validated by ETag,
 * one by Last-Modified, one without validators (served gzip-encoded), and paths that fail.
 */
class UpdaterTest {

  private static final String ETAG = "\"osv-1\"";
  private static final String LAST_MODIFIED = "Tue, 01 Jul 2025 10:00:00 GMT";

  @TempDir Path tmp;
  private HttpServer server;
  /** Served bytes and validators per path; tests change them between updates. */
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, String> etags = new ConcurrentHashMap<>();
  private final Map<String, String> lastModified = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private AdvisoryDatabase db;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    bodies.put("/osv/all.zip", Files.readAllBytes(AdvisoryDatabaseTest.zip(AdvisoryDatabaseTest.OSV, tmp.resolve("all.zip"), null)));
    etags.put("/osv/all.zip", ETAG);
    bodies.put("/tracker/data/json", Files.readAllBytes(feed("debian/tracker-excerpt.json")));
    lastModified.put("/tracker/data/json", LAST_MODIFIED);
    bodies.put("/v3.19/main.json", Files.readAllBytes(feed("alpine/v3.19-main-excerpt.json")));
    db = AdvisoryDatabase.open(tmp.resolve("advisories.db"));
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(0);
    db.close();
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    Headers in = x.getRequestHeaders();
    requests.add(path + " If-None-Match=" + in.getFirst("If-None-Match") + " If-Modified-Since="
        + in.getFirst("If-Modified-Since"));
    byte[] body = bodies.get(path);
    Integer status = statuses.get(path);
    if (body == null || status != null) {
      x.sendResponseHeaders(status == null ? 404 : status, -1);
      x.close();
      return;
    }
    String etag = etags.get(path);
    String modified = lastModified.get(path);
    if (etag != null) {
      x.getResponseHeaders().set("ETag", etag);
    }
    if (modified != null) {
      x.getResponseHeaders().set("Last-Modified", modified);
    }
    if ((etag != null && etag.equals(in.getFirst("If-None-Match")))
        || (modified != null && modified.equals(in.getFirst("If-Modified-Since")))) {
      x.sendResponseHeaders(304, -1);
      x.close();
      return;
    }
    if ("gzip".equals(in.getFirst("Accept-Encoding")) && etag == null && modified == null) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (OutputStream out = new GZIPOutputStream(gz)) {
        out.write(body);
      }
      body = gz.toByteArray();
      x.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    x.sendResponseHeaders(200, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private List<FeedSource> sources() {
    return List.of(new FeedSource("osv/Maven", url("/osv/all.zip"), FeedKind.OSV),
        new FeedSource("debian-tracker", url("/tracker/data/json"), FeedKind.DEBIAN_TRACKER),
        new FeedSource("alpine-secdb/v3.19/main", url("/v3.19/main.json"), FeedKind.ALPINE_SECDB));
  }

  private Updater updater() {
    return new Updater(db, Updater.defaultClient(), Duration.ofSeconds(30));
  }

  @Test
  void downloadsImportsAndThenAsksConditionally() throws Exception {
    List<UpdateResult> first = updater().update(sources());
    assertThat(first).allSatisfy(r -> assertThat(r).isInstanceOf(UpdateResult.Updated.class));
    assertThat(requests).containsExactly(
        "/osv/all.zip If-None-Match=null If-Modified-Since=null",
        "/tracker/data/json If-None-Match=null If-Modified-Since=null",
        "/v3.19/main.json If-None-Match=null If-Modified-Since=null");
    ImportResult osv = ((UpdateResult.Updated) first.get(0)).result();
    assertThat(osv.advisories()).isEqualTo(10);
    assertThat(osv.location()).isEqualTo(url("/osv/all.zip").toString());
    assertThat(db.source("osv/Maven").orElseThrow().etag()).isEqualTo(ETAG);
    assertThat(db.source("debian-tracker").orElseThrow().lastModified()).isEqualTo(LAST_MODIFIED);
    assertThat(db.source("alpine-secdb/v3.19/main").orElseThrow().advisories()).isEqualTo(24);
    assertThat(db.affecting("Maven", List.of("org.apache.logging.log4j:log4j-core"))).isNotEmpty();
    assertThat(db.affecting("Alpine:v3.19", List.of("xen"))).isNotEmpty();

    requests.clear();
    List<UpdateResult> second = updater().update(sources());
    assertThat(requests).containsExactly(
        "/osv/all.zip If-None-Match=" + ETAG + " If-Modified-Since=null",
        "/tracker/data/json If-None-Match=null If-Modified-Since=" + LAST_MODIFIED,
        "/v3.19/main.json If-None-Match=null If-Modified-Since=null");
    assertThat(second).extracting(r -> ((UpdateResult.Unchanged) r).reason())
        .containsExactly("not modified (304)", "not modified (304)", "same content (sha256)");
    assertThat(tmp).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void changedContentIsImportedWithItsNewValidators() throws Exception {
    updater().update(sources());
    String tracker = new String(bodies.get("/tracker/data/json"), java.nio.charset.StandardCharsets.UTF_8);
    bodies.put("/tracker/data/json", tracker.replace("\"2.36-9+deb12u3\"", "\"2.36-9+deb12u4\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    lastModified.put("/tracker/data/json", "Wed, 02 Jul 2025 10:00:00 GMT");
    UpdateResult r = updater().update(sources().get(1));
    assertThat(r).isInstanceOf(UpdateResult.Updated.class);
    assertThat(db.source("debian-tracker").orElseThrow().lastModified()).isEqualTo("Wed, 02 Jul 2025 10:00:00 GMT");
    assertThat(db.affecting("Debian:12", List.of("glibc")).get("glibc"))
        .filteredOn(c -> c.advisory().id().equals("CVE-2023-4911")).singleElement()
        .satisfies(c -> assertThat(c.affected().ranges().get(0).events().get(1).version()).isEqualTo("2.36-9+deb12u4"));
  }

  @Test
  void aFailingSourceKeepsItsDataAndTheOthersStillUpdate() throws Exception {
    updater().update(sources());
    String before = AdvisoryDatabaseTest.snapshot(db);
    SourceStatus trackerBefore = db.source("debian-tracker").orElseThrow();

    statuses.put("/osv/all.zip", 503);
    bodies.put("/tracker/data/json", "{\"glibc\": {\"CVE-2023-4911\": {\"releases\": []}}}".getBytes());
    lastModified.put("/tracker/data/json", "Thu, 03 Jul 2025 10:00:00 GMT");
    bodies.put("/v3.19/main.json", Files.readAllBytes(feed("debian/tracker-excerpt.json")));
    FeedSource missing = new FeedSource("gone", url("/nothing.json"), null);
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    FeedSource refused = new FeedSource("refused", URI.create("http://127.0.0.1:" + closed + "/x.json"), null);
    bodies.put("/v3.20/main.json", Files.readAllBytes(feed("alpine/v3.19-main-excerpt.json")));
    FeedSource fresh = new FeedSource("alpine-secdb/v3.20/main", url("/v3.20/main.json"), FeedKind.ALPINE_SECDB);

    List<FeedSource> sources = new java.util.ArrayList<>(sources());
    sources.addAll(List.of(missing, refused, fresh));
    List<UpdateResult> results = updater().update(sources);

    assertThat(results.get(0)).isEqualTo(new UpdateResult.Failed(sources.get(0), "HTTP 503 from " + url("/osv/all.zip")));
    assertThat(((UpdateResult.Failed) results.get(1)).message())
        .isEqualTo(url("/tracker/data/json") + ": record 1 (CVE-2023-4911 in glibc): releases: expected an object, found an array");
    assertThat(((UpdateResult.Failed) results.get(2)).message())
        .isEqualTo(url("/v3.19/main.json") + ": expected feed kind alpine-secdb, but the content is debian-tracker");
    assertThat(((UpdateResult.Failed) results.get(3)).message()).isEqualTo("HTTP 404 from " + url("/nothing.json"));
    assertThat(((UpdateResult.Failed) results.get(4)).message())
        .isEqualTo("http://127.0.0.1:" + closed + "/x.json: Connection refused");
    assertThat(results.get(5)).isInstanceOf(UpdateResult.Updated.class);

    assertThat(db.source("debian-tracker").orElseThrow()).isEqualTo(trackerBefore);
    assertThat(db.source("alpine-secdb/v3.20/main")).isPresent();
    db.removeSource("alpine-secdb/v3.20/main");
    assertThat(AdvisoryDatabaseTest.snapshot(db).replaceAll("builtAt=\\S+|^\\S+ ", ""))
        .isEqualTo(before.replaceAll("builtAt=\\S+|^\\S+ ", ""));
  }

  @Test
  void anUnresolvableHostIsNamed() throws Exception {
    // RFC 6761: .invalid names never resolve.
    FeedSource nowhere = new FeedSource("nowhere", URI.create("https://feeds.drydock.invalid/all.zip"), null);
    assertThat(updater().update(List.of(nowhere))).singleElement().isEqualTo(new UpdateResult.Failed(nowhere,
        "https://feeds.drydock.invalid/all.zip: cannot resolve host feeds.drydock.invalid"));
  }

  @Test
  void defaultSourcesCoverTheFeeds() {
    List<FeedSource> defaults = FeedSource.defaults(List.of("3.19", "v3.20"));
    assertThat(defaults).extracting(FeedSource::name).contains("osv/Maven", "osv/crates.io", "osv/Debian",
        "debian-tracker", "alpine-secdb/v3.19/main", "alpine-secdb/v3.20/community");
    assertThat(defaults).hasSize(11 + 1 + 4);
    assertThat(FeedSource.osv("PyPI").url())
        .isEqualTo(URI.create("https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"));
    assertThat(FeedSource.alpine("3.19", "main").url()).isEqualTo(URI.create("https://secdb.alpinelinux.org/v3.19/main.json"));
    assertThat(FeedSource.debianTracker().kind()).isEqualTo(FeedKind.DEBIAN_TRACKER);
  }
}
