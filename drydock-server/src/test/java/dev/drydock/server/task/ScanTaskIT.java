package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Scan tasks end to end through the official clients: a loopback registry (Debian's
 * {@code docker-registry}) holding a vulnerable image (under two tags) and a clean one, an advisory
 * database imported from core's real-format fixtures, a task created with
 * PublicCreateImageScanTask, polled to its end, and every result operation reading what the scan
 * found. Then the registry is stopped, advisories are added, and the stored inventories are
 * re-matched without it. Runs on H2 and on PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanTaskIT {

  static final Map<String, String> PROPERTIES = Map.of(
      "drydock.scan.poll-interval", "PT0.2S",
      "drydock.scan.rematch.poll-interval", "PT0.5S",
      "drydock.scan.backoff", "PT0.2S",
      "drydock.scan.max-attempts", "3",
      "drydock.registry-sync.poll-interval", "PT0.5S");

  static TestServer server;
  static RegistryProcess registry;
  static Path work;
  static Path advisories;
  static long registryId;
  static String vulnerableDigest;
  static String cleanDigest;
  static String taskId;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("drydock-scan-task-it");
    advisories = work.resolve("advisories.db");
    ScanFixtures.importAdvisories(advisories, work, ScanFixtures.DEBIAN_TRACKER);
    PROPERTIES.forEach(System::setProperty);
    System.setProperty("drydock.scan.advisory-db", advisories.toString());
    server = TestServer.start();
    registry = RegistryProcess.anonymous();
    vulnerableDigest = ScanFixtures.push(ScanFixtures.vulnerable(), registry, work, "team/vuln", "1.0");
    assertThat(ScanFixtures.push(ScanFixtures.vulnerable(), registry, work, "team/vuln", "latest"))
        .isEqualTo(vulnerableDigest);
    cleanDigest = ScanFixtures.push(ScanFixtures.clean("clean"), registry, work, "team/clean", "1.0");
  }

  @AfterAll
  static void stop() throws Exception {
    PROPERTIES.keySet().forEach(System::clearProperty);
    System.clearProperty("drydock.scan.advisory-db");
    if (server != null) {
      server.close();
    }
    if (registry != null) {
      registry.close();
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static SasClient client() {
    return server.adminClients().get(3); // tea-openapi V3, the default of the current SDKs
  }

  static JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  @Test
  @Order(1)
  void createPollAndComplete() throws Exception {
    registryId = ScanFixtures.register(client(), registry, "cn-hangzhou");
    ScanFixtures.awaitImages(client(), registryId, 3);

    JsonNode pre = client().call("PublicPreCheckImageScanTask", Map.of("RepoNamespaces", "team"));
    assertThat(pre.path("Data").path("ScanImageCount").asInt()).isEqualTo(3);
    assertThat(pre.path("Data").path("NeedAuthCount").asInt()).as("two distinct digests").isEqualTo(2);
    long usedBefore = client().call("DescribeImageScanAuthCount", Map.of()).path("ImageScan").path("ScanCount")
        .asLong();

    JsonNode created = client().call("PublicCreateImageScanTask", Map.of("RepoNamespaces", "team",
        "InstanceIds", String.valueOf(registryId)));
    JsonNode data = created.path("Data");
    taskId = data.path("TaskId").asString();
    assertThat(taskId).matches("[0-9a-f]{32}");
    assertThat(data.path("TotalCount").asInt()).isEqualTo(3);
    assertThat(data.path("Status").asString()).isIn("INIT", "PRE_ANALYZER");
    assertThat(data.path("Result").asString()).isEqualTo("SUCCESS");
    assertThat(data.path("CanCreate").asBoolean()).isTrue();
    assertThat(data.path("CollectTime").asLong()).isPositive();
    assertThat(client().call("DescribeImageScanAuthCount", Map.of()).path("ImageScan").path("ScanCount").asLong())
        .isEqualTo(usedBefore + 2);

    List<JsonNode> leaves = ScanFixtures.awaitTask(client(), taskId, Duration.ofMinutes(3));
    assertThat(leaves).hasSize(3);
    for (JsonNode leaf : leaves) {
      assertThat(leaf.path("StatusText").asString()).as(leaf.toString()).isEqualTo("SUCCESS");
      assertThat(leaf.path("ResultInfo").asString()).isEqualTo("SUCCESS");
      assertThat(leaf.path("FinishCount").isString()).isTrue();
      assertThat(leaf.path("TotalCount").asString()).isEqualTo("1");
      assertThat(leaf.path("Status").isString()).isTrue();
      JsonNode info = leaf.path("TaskImageInfo");
      assertThat(info.path("RepoNamespace").asString()).isEqualTo("team");
      assertThat(info.path("RegistryType").asString()).isEqualTo("harbor");
      assertThat(info.path("ClusterId").asString()).isEmpty();
      assertThat(info.path("CostTimeInfo").asString()).contains("\"vul\"");
    }
    Map<String, Long> scans = new HashMap<>();
    jdbc().sql("SELECT digest, COUNT(*) FROM scan_log WHERE task_id = :t GROUP BY digest").param("t", taskId)
        .query((rs, n) -> scans.put(rs.getString(1), rs.getLong(2))).list();
    assertThat(scans).as("each digest pulled once, the tag sharing it included")
        .isEqualTo(Map.of(vulnerableDigest, 1L, cleanDigest, 1L));

    JsonNode latest = client().call("DescribeImageLatestScanTask", Map.of("Digest", "sha256:" + vulnerableDigest));
    assertThat(latest.path("Task").get(0).path("TaskId").asString()).isEqualTo(taskId);
    assertThat(latest.path("Task").get(0).path("Status").asString()).isEqualTo("SUCCESS");
    assertThat(latest.path("Task").get(0).path("Finish").asInt()).isEqualTo(3);
  }
}
