package dev.drydock.cli;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageSource;
import dev.drydock.image.MediaTypes;
import dev.drydock.index.DiskLayerCache;
import dev.drydock.index.ScanListener;
import dev.drydock.report.ImageReport;
import dev.drydock.report.ReportFormat;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.RegistryClient;
import dev.drydock.source.ImageSources;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import picocli.CommandLine.Command;

/**
 * A scan of a small in-memory image through every analyzer and writer, run by the {@code drydock}
 * launcher once after each build with {@code -XX:ArchiveClassesAtExit}: the JVM's class-data
 * archive then holds the classes a real scan loads (registry client, layer cache, every analyzer
 * and writer), which cuts the startup of every later run by about a second. The image is served
 * by an HTTP server on loopback for the duration of the run; the layer cache lives in a temporary
 * directory that is deleted afterwards. Hidden from help.
 */
@Command(name = "__training-run", hidden = true)
final class TrainingCommand implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    byte[] layer = gzip(tar(Map.of(
        "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n".getBytes(StandardCharsets.UTF_8),
        "var/lib/dpkg/status", ("Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2\nArchitecture: amd64\n"
            + "Source: bash\n").getBytes(StandardCharsets.UTF_8),
        "lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n".getBytes(StandardCharsets.UTF_8),
        "app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.21\",\"license\":\"MIT\"}"
            .getBytes(StandardCharsets.UTF_8),
        "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n"
            .getBytes(StandardCharsets.UTF_8),
        "app/lib/demo-1.0.jar", jar())));
    Digest layerDigest = Digest.sha256(layer);
    byte[] config = ("{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"User\":\"root\"},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.sha256(config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
        + "\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length
        + "}]}").getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> blobs = Map.of(configDigest.toString(), config, layerDigest.toString(), layer);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", ex -> {
      String path = ex.getRequestURI().getPath();
      byte[] body = path.endsWith("/manifests/1") ? manifest
          : blobs.getOrDefault(path.substring(path.lastIndexOf('/') + 1), new byte[0]);
      ex.getResponseHeaders().set("Content-Type", path.contains("/manifests/") ? MediaTypes.OCI_MANIFEST : "application/octet-stream");
      ex.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    Path cacheDir = Files.createTempDirectory("drydock-training-");
    try {
      String ref = "127.0.0.1:" + server.getAddress().getPort() + "/training/image:1";
      ImageSources.Options options = new ImageSources.Options(null, CredentialProvider.ANONYMOUS,
          RegistryClient.Options.DEFAULT.withInsecure(true));
      var kinds = dev.drydock.scan.ScannerKind.parse(ScanCommand.DEFAULT_SCANNERS);
      var scanner = Scanners.build(kinds, null, new DiskLayerCache(cacheDir));
      for (int pass = 0; pass < 2; pass++) { // cold, then warm from the layer cache
        ImageReport report;
        try (ImageSource source = ImageSources.open(ref, options)) {
          report = scanner.scan(source, ScanListener.NONE);
        }
        for (ReportFormat f : ReportFormat.values()) {
          f.writer().write(report, OutputStream.nullOutputStream());
        }
      }
    } finally {
      server.stop(0);
      try (var files = Files.walk(cacheDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return 0;
  }

  private static byte[] jar() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      z.putNextEntry(new ZipEntry("META-INF/maven/dev.example/demo/pom.properties"));
      z.write("groupId=dev.example\nartifactId=demo\nversion=1.0\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return b.toByteArray();
  }

  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
      for (var e : new java.util.TreeMap<>(files).entrySet()) {
        TarArchiveEntry te = new TarArchiveEntry(e.getKey());
        te.setSize(e.getValue().length);
        t.putArchiveEntry(te);
        t.write(e.getValue());
        t.closeArchiveEntry();
      }
    }
    return b.toByteArray();
  }

  private static byte[] gzip(byte[] in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(in);
    }
    return b.toByteArray();
  }
}
