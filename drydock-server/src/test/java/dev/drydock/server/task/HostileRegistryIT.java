package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.image.MediaTypes;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.RegistryProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A registry that misbehaves on purpose, scanned through the server: a manifest that redirects to
 * itself for ever, one whose body never ends, one whose bytes do not hash to the digest asked for,
 * and an image whose config blob is not what its digest says. Each fails only its own sub-task,
 * with a reason a person can read, while an image of a well-behaved registry in the same task is
 * scanned, and the server goes on answering. The hostile registry is a scripted HTTP server on
 * loopback (no real registry can be made to misbehave); the good one is Debian's docker-registry.
 */
class HostileRegistryIT {

  static final Map<String, String> PROPERTIES = Map.of("drydock.scan.poll-interval", "PT0.2S",
      "drydock.scan.backoff", "PT0.2S", "drydock.scan.max-attempts", "2",
      "drydock.registry-sync.poll-interval", "PT0.5S");
  static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
      .getBytes(StandardCharsets.UTF_8);
  static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
      + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"sha256:" + sha256(CONFIG)
      + "\",\"size\":" + CONFIG.length + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);

  static TestServer server;
  static HttpServer hostile;
  static RegistryProcess good;
  static Path work;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("drydock-hostile-registry-it");
    PROPERTIES.forEach(System::setProperty);
    server = TestServer.start();
    good = RegistryProcess.anonymous();
    hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hostile.createContext("/v2/", HostileRegistryIT::answer);
    hostile.start();
  }

  @AfterAll
  static void stop() throws Exception {
    PROPERTIES.keySet().forEach(System::clearProperty);
    if (server != null) {
      server.close();
    }
    if (hostile != null) {
      hostile.stop(0);
    }
    if (good != null) {
      good.close();
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hostile registry: what each repository does. */
  static void answer(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    try (ex) {
      if (path.startsWith("/v2/hostile/loop/manifests/")) {
        ex.getResponseHeaders().set("Location", path);
        ex.sendResponseHeaders(302, -1);
      } else if (path.startsWith("/v2/hostile/endless/manifests/")) {
        ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < 256; i++) { // 16 MiB, unless the client hangs up first
          out.write(chunk);
        }
      } else if (path.startsWith("/v2/hostile/mismatch/manifests/") || path.startsWith("/v2/hostile/badblob/manifests/")) {
        ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
        ex.sendResponseHeaders(200, MANIFEST.length);
        ex.getResponseBody().write(MANIFEST);
      } else if (path.startsWith("/v2/hostile/badblob/blobs/")) {
        byte[] other = "{\"architecture\":\"arm64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, other.length);
        ex.getResponseBody().write(other);
      } else {
        ex.sendResponseHeaders(404, -1); // no catalog: its syncs fail and leave the inventory alone
      }
    } catch (IOException hungUp) {
      // the client stopped reading
    }
  }

  static long register(SasClient client, int port, String domain) throws Exception {
    Map<String, Object> p = new HashMap<>(Map.of("NetType", "2", "ProtocolType", "1",
        "RegistryHostIp", "127.0.0.1", "RegistryRegionId", "cn-hangzhou", "RegistryType", "harbor",
        "RegistryVersion", "V2", "UserName", "anyone", "Password", "anything-goes", "DomainName", domain,
        "Port", String.valueOf(port)));
    p.put("TransPerHour", "0");
    return client.call("AddPrivateRegistry", p).path("Data").path("Id").asLong();
  }

  static String image(long registryId, String namespace, String name, String digest) {
    return "{\"instanceId\":\"" + registryId + "\",\"repoNamespace\":\"" + namespace + "\",\"repoName\":\"" + name
        + "\",\"digest\":\"" + digest + "\",\"tag\":\"1\"}";
  }

  @Test
  void eachHostileImageFailsOnlyItsSubTaskWithAReason() throws Exception {
    SasClient client = server.adminClients().get(3);
    String goodDigest = ScanFixtures.push(ScanFixtures.clean("good"), good, work, "team/good", "1");
    long goodId = register(client, good.port(), "good.drydock.test");
    long hostileId = register(client, hostile.getAddress().getPort(), "hostile.drydock.test");
    String asked = "e3".repeat(32); // each hostile image has its own digest: one digest is scanned once per task
    String images = "[" + String.join(",", List.of(image(goodId, "team", "good", goodDigest),
        image(hostileId, "hostile", "loop", "e1".repeat(32)), image(hostileId, "hostile", "endless", "e2".repeat(32)),
        image(hostileId, "hostile", "mismatch", asked), image(hostileId, "hostile", "badblob", sha256(MANIFEST))))
        + "]";
    String taskId = client.call("PublicSyncAndCreateImageScanTask", Map.of("Images", images)).path("Data")
        .path("TaskId").asString();
    List<JsonNode> leaves = ScanFixtures.awaitTask(client, taskId, Duration.ofMinutes(3));
    Map<String, JsonNode> byRepo = new HashMap<>();
    leaves.forEach(l -> byRepo.put(l.path("TaskImageInfo").path("RepoName").asString(), l));
    assertThat(byRepo.get("good").path("StatusText").asString()).as(byRepo.get("good").toString())
        .isEqualTo("SUCCESS");
    assertThat(reason(byRepo, "loop")).contains("bad redirect").contains("hostile/loop");
    assertThat(reason(byRepo, "endless")).contains("manifest too large").contains("hostile/endless");
    assertThat(reason(byRepo, "mismatch")).contains("digest mismatch").contains(asked);
    assertThat(reason(byRepo, "badblob")).contains("digest mismatch").contains(sha256(CONFIG));
    assertThat(client.call("ListImageRisk", Map.of()).path("ImageRiskList").size()).isPositive();
  }

  static String reason(Map<String, JsonNode> leaves, String repo) {
    JsonNode leaf = leaves.get(repo);
    assertThat(leaf.path("StatusText").asString()).as(leaf.toString()).isEqualTo("FAIL");
    return leaf.path("ResultInfo").asString();
  }
}
