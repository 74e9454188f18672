package dev.drydock.server.bench;

import static dev.drydock.server.bench.BenchSupport.fmt;
import static dev.drydock.server.bench.BenchSupport.seconds;

import dev.drydock.image.ImageReference;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryImageSource;
import dev.drydock.server.task.ScanEngine;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.Debootstrap;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark (not a test): one scan task over N images (default 100) that share a base layer — the
 * debootstrap bookworm root filesystem — each with its own small application layer (log4j-core
 * 2.14.1 and a unique file), served by Debian's {@code docker-registry} on loopback. Reports the
 * task's wall time from create to end (an in-process server, {@code drydock.scan.workers} workers,
 * layer cache starting empty) against the sum of single cold scans (each image scanned alone with
 * an empty layer cache, as {@code drydock scan --no-cache} would), measured on a sample of the
 * images and scaled to N.
 *
 * <pre>bench/scan-task.sh [IMAGES] [SAMPLE] [WORKERS]</pre>
 */
public final class ScanTaskBenchmark {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ScanTaskBenchmark() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int sample = Math.min(images, args.length > 1 ? Integer.parseInt(args[1]) : 20);
    String workers = args.length > 2 ? args[2] : "2";
    Path work = Files.createTempDirectory("drydock-bench-scan-task");
    System.out.println("load average at start: " + BenchSupport.loadAverage());
    byte[] baseTar = Files.readAllBytes(Debootstrap.rootfsTar());
    byte[] base = gzip(baseTar);
    String baseDiff = sha256(baseTar);
    String baseDigest = sha256(base);
    byte[] log4j;
    try (InputStream in = ScanTaskBenchmark.class.getResourceAsStream(
        "/testdata/java/log4j-core/opt/app/lib/log4j-core-2.14.1.jar")) {
      log4j = in.readAllBytes();
    }
    try (RegistryProcess registry = RegistryProcess.anonymous()) {
      long t = System.nanoTime();
      String[] refs = new String[images];
      for (int i = 0; i < images; i++) {
        String repo = "bench/app" + (i % 10);
        if (i < 10) {
          upload(registry, repo, base, baseDigest);
        }
        byte[] appTar = tar(Map.of("opt/app/lib/log4j-core-2.14.1.jar", log4j,
            "opt/app/VERSION", ("image " + i + "\n").getBytes(StandardCharsets.UTF_8)));
        byte[] app = gzip(appTar);
        upload(registry, repo, app, sha256(app));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
            + "\"diff_ids\":[\"sha256:" + baseDiff + "\",\"sha256:" + sha256(appTar) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        upload(registry, repo, config, sha256(config));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + sha256(config)
            + "\",\"size\":" + config.length + "},\"layers\":["
            + layer(baseDigest, base.length) + "," + layer(sha256(app), app.length) + "]}").getBytes(StandardCharsets.UTF_8);
        String tag = "v" + (i / 10);
        Skopeo.putManifest(registry, repo, tag, "application/vnd.oci.image.manifest.v1+json", manifest);
        refs[i] = "127.0.0.1:" + registry.port() + "/" + repo + ":" + tag;
      }
      System.out.println(fmt("pushed %d images (base layer %,d bytes gzip, %,d bytes tar) in %.1f s", images,
          base.length, baseTar.length, seconds(t)));

      double coldTotal = 0;
      for (int i = 0; i < sample; i++) {
        Path cache = Files.createTempDirectory(work, "cold-cache");
        ScanEngine engine = new ScanEngine(new MockEnvironment().withProperty("drydock.data-dir", work.toString())
            .withProperty("drydock.scan.cache-dir", cache.toString()));
        long s = System.nanoTime();
        RegistryClient.Options options = RegistryClient.Options.DEFAULT.withInsecure(true);
        try (RegistryImageSource source = RegistryImageSource.of(ImageReference.parse(refs[i]),
            CredentialProvider.ANONYMOUS, options, null)) {
          engine.match(engine.index(source), null);
        }
        coldTotal += seconds(s);
      }
      double coldMean = coldTotal / sample;
      System.out.println(fmt("single cold scans: %d measured, mean %.2f s; sum over %d images %.1f s (scaled)",
          sample, coldMean, images, coldMean * images));

      System.setProperty("drydock.scan.workers", workers);
      System.setProperty("drydock.scan.poll-interval", "PT0.2S");
      System.setProperty("drydock.registry-sync.poll-interval", "PT0.5S");
      try (TestServer server = TestServer.start()) {
        SasClient client = server.adminClients().get(3);
        long registryId = client.call("AddPrivateRegistry", Map.of("NetType", "2", "ProtocolType", "1",
            "RegistryHostIp", "127.0.0.1", "RegistryRegionId", "cn-hangzhou", "RegistryType", "harbor",
            "RegistryVersion", "V2", "UserName", "anyone", "Password", "anything", "DomainName", "127.0.0.1",
            "Port", String.valueOf(registry.port()))).path("Data").path("Id").asLong();
        awaitImages(client, registryId, images);
        String load = BenchSupport.loadAverage();
        long s = System.nanoTime();
        String taskId = client.call("PublicCreateImageScanTask", Map.of()).path("Data").path("TaskId").asString();
        while (unfinished(client, taskId)) {
          Thread.sleep(200);
        }
        double task = seconds(s);
        long failed = 0;
        for (int page = 1; page <= (images + 99) / 100; page++) {
          for (JsonNode leaf : client.call("DescribeOnceTaskLeafRecordPage", Map.of("CurrentPage", String.valueOf(page),
              "PageSize", "100", "RelateInfo", "false", "TaskType", "IMAGE_SCAN", "TaskId", taskId)).path("OnceTasks")) {
            failed += leaf.path("StatusText").asString().equals("SUCCESS") ? 0 : 1;
          }
        }
        System.out.println(fmt("task over %d images (%s workers): %.1f s, %d failed; %.2f of the sum of single cold "
                + "scans; load average before %s, after %s", images, workers, task, failed, task / (coldMean * images),
            load, BenchSupport.loadAverage()));
      }
    } finally {
      try (var s = Files.walk(work)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String layer(String digest, long size) {
    return "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:" + digest + "\",\"size\":"
        + size + "}";
  }

  /** A monolithic blob upload: POST for a session, PUT with the digest. */
  private static void upload(RegistryProcess registry, String repo, byte[] blob, String digest) throws Exception {
    HttpResponse<Void> post = HTTP.send(HttpRequest.newBuilder(registry.uri("/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    String location = post.headers().firstValue("Location").orElseThrow(() -> new IOException("no upload location"));
    URI put = registry.baseUri().resolve(location);
    put = URI.create(put + (put.getQuery() == null ? "?" : "&") + "digest=sha256:" + digest);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IOException("blob upload answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static void awaitImages(SasClient client, long registryId, int images) throws Exception {
    for (int i = 0; i < 1200; i++) {
      for (JsonNode r : client.call("2018-12-03", "PageImageRegistry", Map.of(), Map.of("PageSize", "100")).path("List")) {
        if (r.path("Id").asLong() == registryId && r.path("ImageCount").asLong() == images) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the registry sync did not list " + images + " images");
  }

  private static boolean unfinished(SasClient client, String taskId) throws SasClient.ApiError {
    for (JsonNode t : client.call("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN")).path("OnceTasks")) {
      if (t.path("TaskId").asString().equals(taskId)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(f.getValue().length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(f.getValue());
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
