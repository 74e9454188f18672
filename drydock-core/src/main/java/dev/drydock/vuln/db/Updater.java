package dev.drydock.vuln.db;

import dev.drydock.http.ConnectionFailures;
import dev.drydock.vuln.feed.FeedException;
import dev.drydock.vuln.feed.FeedInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Downloads feeds and imports what changed. Per source, in order:
 *
 * <ol>
 *   <li>a conditional GET: {@code If-None-Match} / {@code If-Modified-Since} from the validators
 *       stored with the source's last import (only when its URL has not changed);
 *       {@code Accept-Encoding: gzip};
 *   <li>304 → {@link UpdateResult.Unchanged}, the check recorded;
 *   <li>200 → the body is streamed (decompressed if the server gzipped it) to a temporary file
 *       beside the database while its SHA-256 is computed; the same bytes as last time →
 *       Unchanged; else the file is imported as the source (one transaction) and the response's
 *       {@code ETag} / {@code Last-Modified} are stored with it;
 *   <li>anything else — another status, a network error, a malformed feed — →
 *       {@link UpdateResult.Failed}: the source keeps its previous data, and the other sources
 *       are still updated.
 * </ol>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-conditional-requests">RFC 9110 conditional requests</a>
 */
public final class Updater {

  private final AdvisoryDatabase db;
  private final HttpClient http;
  private final Duration responseTimeout;

  /** An updater with {@link #defaultClient()} and a 5-minute wait for each response's headers. */
  public Updater(AdvisoryDatabase db) {
    this(db, defaultClient(), Duration.ofMinutes(5));
  }

  /**
   * @param responseTimeout how long to wait for a response's headers (the body may take longer)
   */
  public Updater(AdvisoryDatabase db, HttpClient http, Duration responseTimeout) {
    this.db = db;
    this.http = http;
    this.responseTimeout = responseTimeout;
  }

  /** HTTP/1.1 and 2, normal redirects (never https → http), 30-second connect timeout. */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .sslContext(dev.drydock.http.LazyTls.context())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * Updates every source, each independently; one result per source, in order.
   *
   * @throws InterruptedException when the thread is interrupted (sources done so far stay updated)
   */
  public List<UpdateResult> update(List<FeedSource> sources) throws InterruptedException {
    List<UpdateResult> out = new ArrayList<>();
    for (FeedSource s : sources) {
      out.add(update(s));
    }
    return out;
  }

  /** Updates one source; failures are returned, not thrown. */
  public UpdateResult update(FeedSource source) throws InterruptedException {
    long start = System.nanoTime();
    try {
      Optional<SourceStatus> previous = db.source(source.name());
      HttpRequest.Builder request = HttpRequest.newBuilder(source.url())
          .timeout(responseTimeout)
          .header("User-Agent", "drydock (advisory database updater)")
          .header("Accept-Encoding", "gzip")
          .GET();
      if (previous.isPresent() && previous.get().location().equals(source.url().toString())) {
        SourceStatus p = previous.get();
        if (p.etag() != null) {
          request.header("If-None-Match", p.etag());
        }
        if (p.lastModified() != null) {
          request.header("If-Modified-Since", p.lastModified());
        }
      }
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      SourceImport.Validators validators = new SourceImport.Validators(
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null));
      try (InputStream body = response.body()) {
        if (response.statusCode() == 304 && previous.isPresent()) {
          db.recordCheck(source.name(), validators);
          return new UpdateResult.Unchanged(source, "not modified (304)", Duration.ofNanos(System.nanoTime() - start));
        }
        if (response.statusCode() != 200) {
          return new UpdateResult.Failed(source, "HTTP " + response.statusCode() + " from " + source.url());
        }
        boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false);
        return download(source, previous, gzip ? new GZIPInputStream(body, 1 << 16) : body, validators, start);
      }
    } catch (FeedException | AdvisoryDatabaseException e) {
      return new UpdateResult.Failed(source, e.getMessage());
    } catch (IOException e) {
      return new UpdateResult.Failed(source, source.url() + ": " + ConnectionFailures.describe(e, source.url()));
    }
  }

  private UpdateResult download(FeedSource source, Optional<SourceStatus> previous, InputStream body,
      SourceImport.Validators validators, long start) throws IOException {
    Path dir = db.path().toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".drydock-download-", ".tmp");
    try {
      MessageDigest md = FeedInput.sha256();
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = body.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      String sha256 = HexFormat.of().formatHex(md.digest());
      if (previous.isPresent() && previous.get().sha256().equals(sha256)
          && previous.get().location().equals(source.url().toString())) {
        db.recordCheck(source.name(), validators);
        return new UpdateResult.Unchanged(source, "same content (sha256)", Duration.ofNanos(System.nanoTime() - start));
      }
      ImportResult result = db.importSource(source.name(), tmp, source.url().toString(), source.kind(), validators);
      return new UpdateResult.Updated(source, result);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
