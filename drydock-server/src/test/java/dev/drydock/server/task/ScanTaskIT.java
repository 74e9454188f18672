package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.JsonShape;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.SasShapes;
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
      if (leaf.path("TaskImageInfo").path("RepoName").asString().equals("vuln")) {
        assertThat(leaf.path("ResultInfo").asString()).as("log4j-core, and no Maven advisories yet: incomplete, "
            + "saying why").isEqualTo("SUCCESS (incomplete: 1 package(s) of Maven not matched: the advisory database "
            + "has no advisories for Maven (import or update a feed that covers it: drydock db update))");
      } else {
        assertThat(leaf.path("ResultInfo").asString()).isEqualTo("SUCCESS");
      }
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

    for (String tag : List.of("1.0", "latest")) {
      JsonNode stats = statistics(uuid("team/vuln", tag));
      assertThat(stats.path("vul").asLong()).as("vulnerable %s", tag).isGreaterThanOrEqualTo(2);
      assertThat(stats.path("baselineNum").asLong()).isEqualTo(2);
      assertThat(stats.path("newSuspicious").asLong()).isPositive();
    }
    JsonNode clean = statistics(uuid("team/clean", "1.0"));
    assertThat(clean.path("vul").asLong() + clean.path("baselineNum").asLong() + clean.path("newSuspicious").asLong())
        .as("the clean image").isZero();
    JsonNode instance = instance(uuid("team/vuln", "latest"));
    assertThat(instance.path("ScaStatus").asString()).isEqualTo("SUCCESS");
    assertThat(instance.path("ScaProgress").asInt()).isEqualTo(100);
    assertThat(instance.path("LastScanTime").asLong()).isPositive();
    assertThat(instance.path("VulCount").asInt()).isGreaterThanOrEqualTo(2);
  }

  /** ListImageRisk's Statistics of an image, parsed. */
  static JsonNode statistics(String uuid) throws Exception {
    for (JsonNode r : client().call("ListImageRisk", Map.of("PageSize", "100")).path("ImageRiskList")) {
      if (r.path("Uuid").asString().equals(uuid)) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.path("Statistics").asString());
      }
    }
    throw new AssertionError("ListImageRisk does not list " + uuid);
  }

  /** DescribeImageInstances' entry of an image. */
  static JsonNode instance(String uuid) throws Exception {
    for (JsonNode r : client().call("DescribeImageInstances", Map.of("PageSize", "100")).path("ImageInstanceList")) {
      if (r.path("Uuid").asString().equals(uuid)) {
        return r;
      }
    }
    throw new AssertionError("DescribeImageInstances does not list " + uuid);
  }

  static String uuid(String path, String tag) {
    return dev.drydock.server.inventory.RepoPaths.imageUuid(registryId, path, tag);
  }

  /** Calls through every official client; asserts they agree and that no secret is answered. */
  static JsonNode everyClient(String action, Map<String, Object> query) throws Exception {
    JsonNode first = null;
    for (SasClient c : server.adminClients()) {
      JsonNode r = c.call(action, query);
      String text = r.toString();
      ScanFixtures.SECRETS.forEach(secret -> assertThat(text).as(c.name() + " " + action).doesNotContain(secret));
      JsonNode withoutId = r.deepCopy();
      ((tools.jackson.databind.node.ObjectNode) withoutId).remove("RequestId");
      if (first == null) {
        first = withoutId;
      } else {
        assertThat(withoutId.toString()).as(c.name() + " " + action).isEqualTo(first.toString());
      }
    }
    return first;
  }

  @Test
  @Order(2)
  void resultOperationsListTheFindings() throws Exception {
    String vuln = uuid("team/vuln", "1.0");
    String clean = uuid("team/clean", "1.0");

    JsonNode vulList = everyClient("DescribeImageVulList", Map.of("Type", "cve", "Uuids", vuln));
    assertThat(vulList.path("PageSize").asInt()).as("flat paging, default 10").isEqualTo(10);
    assertThat(vulList.path("CurrentPage").asInt()).isEqualTo(1);
    assertThat(vulList.has("PageInfo")).isFalse();
    assertThat(vulList.path("TotalCount").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode glibc = null;
    for (JsonNode r : vulList.path("VulRecords")) {
      assertThat(r.path("Uuid").asString()).isEqualTo(vuln);
      assertThat(r.path("Type").asString()).isEqualTo("cve");
      if (r.path("Name").asString().equals("CVE-2023-4911")) {
        glibc = r;
      }
    }
    assertThat(glibc).as(vulList.toString()).isNotNull();
    assertThat(glibc.path("CanFix").asString()).isEqualTo("yes");
    assertThat(glibc.path("Necessity").asString()).isIn("asap", "later", "nntf");
    assertThat(glibc.path("ImageDigest").asString()).isEqualTo(vulnerableDigest);
    assertThat(glibc.path("ExtendContentJson").path("Os").asString()).isEqualTo("debian");
    assertThat(glibc.path("ExtendContentJson").path("OsRelease").asString()).isEqualTo("12");
    JsonNode pkg = glibc.path("ExtendContentJson").path("RpmEntityList").get(0);
    assertThat(pkg.path("Name").asString()).isEqualTo("libc6");
    assertThat(pkg.path("Path").asString()).isEqualTo("var/lib/dpkg/status");
    assertThat(pkg.path("Layer").asString()).startsWith("sha256:");
    assertThat(glibc.path("Layers").get(0).asString()).startsWith("sha256:");
    assertThat(everyClient("DescribeImageVulList", Map.of("Type", "cve", "Uuids", clean)).path("TotalCount").asInt())
        .isZero();
    assertThat(client().call("DescribeImageVulList", Map.of("Type", "cve", "Uuids", vuln, "PageSize", "1",
        "CurrentPage", "2")).path("VulRecords")).hasSize(1);

    JsonNode grouped = everyClient("DescribeImageGroupedVulList", Map.of("Type", "cve", "RepoNamespace", "team"));
    assertThat(grouped.path("PageSize").asInt()).isEqualTo(20);
    JsonNode item = null;
    for (JsonNode g : grouped.path("GroupedVulItems")) {
      if (g.path("Name").asString().equals("CVE-2023-4911")) {
        item = g;
      }
    }
    assertThat(item).isNotNull();
    assertThat(item.path("AsapCount").asLong() + item.path("LaterCount").asLong() + item.path("NntfCount").asLong())
        .as("both tags of the vulnerable digest").isEqualTo(2);

    JsonNode counts = everyClient("DescribeImageSecurityScanCount", Map.of("ImageUuid", vuln)).path("Data");
    assertThat(counts.path("ImageCveVulCount").asLong()).isEqualTo(vulList.path("TotalCount").asLong());
    assertThat(counts.path("ImageBaselineCount").asLong()).isEqualTo(2); // root user, no HEALTHCHECK
    assertThat(counts.path("ImageMaliciousFileCount").asLong()).isPositive();
    JsonNode cleanCounts = client().call("DescribeImageSecurityScanCount", Map.of("ImageUuid", clean)).path("Data");
    assertThat(cleanCounts.path("ImageCveVulCount").asLong() + cleanCounts.path("ImageBaselineCount").asLong()
        + cleanCounts.path("ImageMaliciousFileCount").asLong() + cleanCounts.path("ImageScaVulCount").asLong()).isZero();

    JsonNode summary = everyClient("DescribeImageBaselineCheckSummary", Map.of("RepoNamespace", "team"));
    assertThat(summary.path("PageInfo").path("TotalCount").asInt()).isEqualTo(1);
    JsonNode config = summary.path("BaselineResultSummary").get(0);
    assertThat(config.path("BaselineNameKey").asString()).isEqualTo("image_config");
    assertThat(config.path("MiddleRiskImage").asLong()).as("two tags, worst item medium (root user)").isEqualTo(2);
    JsonNode result = everyClient("DescribeImageBaselineCheckResult", Map.of("ImageUuid", vuln))
        .path("BaselineResult").get(0);
    assertThat(result.path("BaselineItemCount").asLong()).isEqualTo(2);
    assertThat(result.path("MiddleRiskItemCount").asLong()).isEqualTo(1);
    assertThat(result.path("LowRiskItemCount").asLong()).isEqualTo(1);
    JsonNode items = everyClient("DescribeImageBaselineItemList", Map.of("ImageUuid", vuln));
    assertThat(items.path("BaselineItemInfos").findValuesAsString("BaselineItemKey"))
        .containsExactlyInAnyOrder("config_run_as_root", "config_no_healthcheck");
    assertThat(client().call("DescribeImageBaselineItemList", Map.of("ImageUuid", clean)).path("BaselineItemInfos"))
        .isEmpty();
    JsonNode detail = everyClient("DescribeImageBaselineDetail", Map.of("BaselineItemKey", "config_run_as_root",
        "ImageUuid", vuln)).path("BaselineDetail");
    assertThat(detail.path("Advice").asString()).contains("USER");
    assertThat(detail.path("Level").asString()).isEqualTo("medium");
    assertThat(detail.path("ResultId").asLong()).isPositive();
    assertThat(ScanFixtures.errorCode(() -> client().call("DescribeImageBaselineDetail",
        Map.of("BaselineItemKey", "no_such_item")))).isEqualTo("InvalidParameter.NotFound");

    JsonNode malicious = everyClient("DescribeGroupedMaliciousFiles", Map.of("CurrentPage", "1", "PageSize", "20"));
    assertThat(malicious.path("PageInfo").path("TotalCount").asLong()).isPositive();
    JsonNode sample = malicious.path("GroupedMaliciousFileResponse").get(0);
    assertThat(sample.path("ImageCount").asLong()).isEqualTo(2);
    assertThat(sample.path("MaliciousMd5").asString()).isEqualTo("44d88612fea8a8f36de82e1278abb02f"); // EICAR
    JsonNode affected = everyClient("DescribeAffectedMaliciousFileImages", Map.of("CurrentPage", "1",
        "PageSize", "20", "MaliciousMd5", sample.path("MaliciousMd5").asString(), "ImageUuid", vuln));
    JsonNode file = affected.path("AffectedMaliciousFileImagesResponse").get(0);
    assertThat(file.path("FilePath").asString()).isEqualTo("opt/app/eicar.com");
    assertThat(file.path("Digest").asString()).isEqualTo(vulnerableDigest);
    assertThat(file.path("Layer").asString()).startsWith("sha256:");
    assertThat(ScanFixtures.errorCode(() -> client().call("DescribeGroupedMaliciousFiles",
        Map.of("CurrentPage", "1", "PageSize", "many")))).isEqualTo("InvalidParameter");

    JsonNode sensitive = everyClient("DescribeImageSensitiveFileList", Map.of("ImageUuid", vuln));
    assertThat(sensitive.path("Code").asString()).isEqualTo("200");
    assertThat(sensitive.path("Success").asBoolean()).isTrue();
    assertThat(sensitive.path("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(sensitive.path("PageInfo").has("LastRowKey")).isTrue();
    assertThat(sensitive.path("SensitiveFileList").findValuesAsString("SensitiveFileKey"))
        .contains("aliyun_access_key_id", "aliyun_access_key_secret");
    assertThat(sensitive.path("SensitiveFileList").get(0).path("ClassKey").asString()).isEqualTo("cloud_access_key");
    JsonNode byKey = everyClient("DescribeImageSensitiveFileByKey", Map.of("ImageUuid", vuln,
        "SensitiveFileKey", "aliyun_access_key_id"));
    JsonNode secret = byKey.path("SensitiveFileList").get(0);
    assertThat(secret.path("FilePath").asString()).isEqualTo("app/config/application.properties");
    assertThat(secret.path("Promt").asString()).isEqualTo("line 2: LTAI****");
    assertThat(secret.path("LayerDigest").asString()).startsWith("sha256:");
    long oneImage = byKey.path("PageInfo").path("TotalCount").asLong();
    // ImageUuid and SensitiveFileKey are optional (reference §1.13): every kind of the image, the kind in every image
    JsonNode everyKind = everyClient("DescribeImageSensitiveFileByKey", Map.of("ImageUuid", vuln));
    assertThat(everyKind.path("SensitiveFileList").findValuesAsString("SensitiveFileKey"))
        .contains("aliyun_access_key_id", "aliyun_access_key_secret");
    JsonNode everyImage = everyClient("DescribeImageSensitiveFileByKey", Map.of("SensitiveFileKey",
        "aliyun_access_key_id"));
    assertThat(everyImage.path("PageInfo").path("TotalCount").asLong()).as("both tags of the vulnerable digest")
        .isEqualTo(2 * oneImage);
    assertThat(everyImage.path("SensitiveFileList").findValuesAsString("SensitiveFileKey"))
        .containsOnly("aliyun_access_key_id");
    assertThat(client().call("DescribeImageSensitiveFileList", Map.of("ImageUuid", clean)).path("SensitiveFileList"))
        .isEmpty();
  }

  /** One call of the shape table: an operation, its parameters, the reference's shape of its answer. */
  record Case(String action, Map<String, Object> query, JsonShape shape) {}

  /**
   * Every result and progress operation, through every official client, answers exactly the
   * fields of the reference with their JSON types and envelopes ({@link SasShapes}), and no
   * success body carries a top-level Code outside the allowed set. Parameters are given as the
   * typed SDK models hold them — integers, booleans, lists (sent as {@code Name.N}) — and a
   * RegionId (sdk-core sends its profile's with every call) is no filter.
   */
  @Test
  @Order(2)
  void everyAnswerHasTheReferenceShape() throws Exception {
    String vuln = uuid("team/vuln", "1.0");
    List<Case> table = List.of(
        new Case("ListImageRisk", Map.of(), SasShapes.LIST_IMAGE_RISK),
        new Case("PublicPreCheckImageScanTask", Map.of("RepoNamespaces", "team"), SasShapes.PRE_CHECK),
        new Case("DescribeImageScanAuthCount", Map.of(), SasShapes.SCAN_AUTH_COUNT),
        new Case("DescribeImageLatestScanTask", Map.of("Digest", vulnerableDigest), SasShapes.LATEST_SCAN_TASK),
        new Case("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN"),
            JsonShape.obj("RequestId", JsonShape.STR, "OnceTasks", JsonShape.arr0(SasShapes.UNFINISHED_ONCE_TASK))),
        new Case("DescribeOnceTaskLeafRecordPage", Map.of("CurrentPage", 1, "PageSize", 20, "RelateInfo", true,
            "TaskType", "IMAGE_SCAN", "TaskId", taskId), SasShapes.LEAF_RECORD_PAGE),
        new Case("DescribeOnceTaskLeafRecordPage", Map.of("CurrentPage", 1, "PageSize", 20, "RelateInfo", false,
            "TaskType", "IMAGE_SCAN", "StatusList", List.of("SUCCESS", "FAIL")), SasShapes.LEAF_RECORD_PAGE),
        new Case("DescribeImageInstances", Map.of("Scanned", true), SasShapes.IMAGE_INSTANCES),
        new Case("DescribeImageInfoList", Map.of("Uuids", vuln), SasShapes.IMAGE_INFO_LIST),
        new Case("DescribeImageCriteria", Map.of(), SasShapes.IMAGE_CRITERIA),
        new Case("DescribeImageStatistics", Map.of(), SasShapes.IMAGE_STATISTICS),
        new Case("DescribeImageSecurityScanCount", Map.of("ImageUuid", vuln), SasShapes.SECURITY_SCAN_COUNT),
        new Case("DescribeImageVulList", Map.of("Type", "cve", "Uuids", vuln), SasShapes.IMAGE_VUL_LIST),
        new Case("DescribeImageVulList", Map.of("Type", "cve", "Uuids", vuln, "ScanRange", List.of("image", "container"),
            "RegionId", "cn-beijing"), SasShapes.IMAGE_VUL_LIST),
        new Case("DescribeImageGroupedVulList", Map.of("Type", "cve"), SasShapes.GROUPED_VUL_LIST),
        new Case("DescribeImageBaselineCheckSummary", Map.of(), SasShapes.BASELINE_SUMMARY),
        new Case("DescribeImageBaselineCheckResult", Map.of("ImageUuid", vuln), SasShapes.BASELINE_RESULT),
        new Case("DescribeImageBaselineItemList", Map.of("ImageUuid", vuln), SasShapes.BASELINE_ITEMS),
        new Case("DescribeImageBaselineDetail", Map.of("BaselineItemKey", "config_run_as_root", "ImageUuid", vuln),
            SasShapes.BASELINE_DETAIL),
        new Case("DescribeGroupedMaliciousFiles", Map.of("CurrentPage", 1, "PageSize", "20"),
            SasShapes.GROUPED_MALICIOUS_FILES),
        new Case("DescribeAffectedMaliciousFileImages", Map.of("CurrentPage", 1, "PageSize", "20"),
            SasShapes.AFFECTED_MALICIOUS_FILE_IMAGES),
        new Case("DescribeImageSensitiveFileList", Map.of("ImageUuid", vuln), SasShapes.SENSITIVE_FILE_LIST),
        new Case("DescribeImageSensitiveFileByKey", Map.of("ImageUuid", vuln, "SensitiveFileKey",
            "aliyun_access_key_id"), SasShapes.SENSITIVE_FILE_BY_KEY),
        new Case("ListPrivateRegistryList", Map.of(), SasShapes.PRIVATE_REGISTRY_LIST),
        new Case("PageImageRegistry", Map.of(), SasShapes.PAGE_IMAGE_REGISTRY),
        new Case("ListImageRegistryRegion", Map.of(), SasShapes.REGISTRY_REGIONS),
        new Case("ListPrivateRegistryType", Map.of(), SasShapes.REGISTRY_TYPES));
    for (SasClient c : server.adminClients()) {
      for (Case call : table) {
        JsonNode answer = c.call(call.action(), call.query());
        assertThat(SasShapes.mismatches(answer, call.shape())).as("%s through %s: %s", call.action(), c.name(), answer)
            .isEmpty();
      }
    }
  }

  @Test
  @Order(3)
  void aMissingManifestFailsOnlyItsSubTask() throws Exception {
    String ghost = "0".repeat(63) + "1";
    String images = "[{\"registryType\":\"harbor\",\"instanceId\":\"" + registryId + "\",\"repoNamespace\":\"team\","
        + "\"regionId\":\"cn-hangzhou\",\"repoName\":\"clean\",\"digest\":\"" + cleanDigest + "\",\"tag\":\"1.0\"},"
        + "{\"RegistryType\":\"harbor\",\"InstanceId\":\"" + registryId + "\",\"RepoNamespace\":\"team\","
        + "\"RegionId\":\"cn-hangzhou\",\"RepoName\":\"clean\",\"Digest\":\"sha256:" + ghost + "\",\"Tag\":\"ghost\"}]";
    JsonNode created = client().call("PublicSyncAndCreateImageScanTask", Map.of("Images", images));
    String id = created.path("Data").path("TaskId").asString();
    assertThat(created.path("Data").path("TotalCount").asInt()).isEqualTo(2);
    List<JsonNode> leaves = ScanFixtures.awaitTask(client(), id, Duration.ofMinutes(2));
    Map<String, JsonNode> byTag = new HashMap<>();
    leaves.forEach(l -> byTag.put(l.path("TaskImageInfo").path("Tag").asString(), l));
    assertThat(byTag.get("1.0").path("StatusText").asString()).isEqualTo("SUCCESS");
    JsonNode failed = byTag.get("ghost");
    assertThat(failed.path("StatusText").asString()).isEqualTo("FAIL");
    assertThat(failed.path("ResultInfo").asString()).as("a readable reason").contains("manifest unknown")
        .contains(ghost);
    JsonNode latest = client().call("DescribeImageLatestScanTask", Map.of("Digest", ghost)).path("Task").get(0);
    assertThat(latest.path("TaskId").asString()).isEqualTo(id);
    assertThat(latest.path("Status").asString()).isEqualTo("FAIL");
    assertThat(instance(uuid("team/clean", "ghost")).path("ScaStatus").asString()).isEqualTo("FAIL");
  }

  @Test
  @Order(3)
  void refusedCredentialsFailTheSubTaskWithoutShowingThePassword() throws Exception {
    String password = "Wrong-Passw0rd-for-test";
    try (RegistryProcess guarded = RegistryProcess.basic("scanner", "Right-Passw0rd-for-test")) {
      java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(Map.of("NetType", "2", "ProtocolType", "1",
          "RegistryHostIp", "127.0.0.1", "RegistryRegionId", "cn-hangzhou", "RegistryType", "harbor",
          "RegistryVersion", "V2", "UserName", "scanner", "Password", password,
          "DomainName", "guarded.drydock.test", "Port", String.valueOf(guarded.port())));
      long guardedId = client().call("AddPrivateRegistry", p).path("Data").path("Id").asLong();
      String images = "[{\"instanceId\":\"" + guardedId + "\",\"repoNamespace\":\"team\",\"repoName\":\"app\","
          + "\"digest\":\"" + cleanDigest + "\",\"tag\":\"1.0\"}]";
      String id = client().call("PublicSyncAndCreateImageScanTask", Map.of("Images", images)).path("Data")
          .path("TaskId").asString();
      JsonNode leaf = ScanFixtures.awaitTask(client(), id, Duration.ofMinutes(2)).get(0);
      assertThat(leaf.path("StatusText").asString()).isEqualTo("FAIL");
      assertThat(leaf.path("ResultInfo").asString()).startsWith("unauthorized").doesNotContain(password);
    }
  }

  @Test
  @Order(4)
  void registryStoppedAdvisoriesUpdatedCountsChange() throws Exception {
    String vuln = uuid("team/vuln", "1.0");
    long scansBefore = jdbc().sql("SELECT COUNT(*) FROM scan_log").query(Long.class).single();
    JsonNode before = client().call("DescribeImageSecurityScanCount", Map.of("ImageUuid", vuln)).path("Data");
    assertThat(before.path("ImageScaVulCount").asLong()).as("no Maven advisories yet").isZero();
    long riskBefore = jdbc().sql("SELECT vul FROM image_risk WHERE digest = :d").param("d", vulnerableDigest)
        .query(Long.class).single();

    registry.close();
    ScanFixtures.importAdvisories(advisories, work, ScanFixtures.LOG4SHELL);

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode sca = null;
    while (System.nanoTime() < deadline) {
      sca = client().call("DescribeImageVulList", Map.of("Type", "sca", "Uuids", vuln));
      if (sca.path("TotalCount").asInt() > 0) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(sca.path("TotalCount").asInt()).as("re-matched without the registry").isEqualTo(1);
    JsonNode log4shell = sca.path("VulRecords").get(0);
    assertThat(log4shell.path("Name").asString()).isEqualTo("CVE-2021-44228");
    assertThat(log4shell.path("Necessity").asString()).isEqualTo("asap");
    assertThat(log4shell.path("ExtendContentJson").path("RpmEntityList").get(0).path("Name").asString())
        .isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(client().call("DescribeImageSecurityScanCount", Map.of("ImageUuid", vuln)).path("Data")
        .path("ImageScaVulCount").asLong()).isEqualTo(1);
    assertThat(jdbc().sql("SELECT vul FROM image_risk WHERE digest = :d").param("d", vulnerableDigest)
        .query(Long.class).single()).isEqualTo(riskBefore + 1);
    assertThat(statistics(vuln).path("vul").asLong()).as("ListImageRisk after the re-match").isEqualTo(riskBefore + 1);
    assertThat(statistics(uuid("team/clean", "1.0")).path("vul").asLong()).isZero();
    assertThat(jdbc().sql("SELECT vul FROM image_risk WHERE digest = :d").param("d", cleanDigest)
        .query(Long.class).single()).isZero();
    assertThat(jdbc().sql("SELECT COUNT(*) FROM scan_log").query(Long.class).single())
        .as("no image pulled").isEqualTo(scansBefore);
  }

  @Test
  @Order(5)
  void registryDownFailsTheSubTaskAfterRetries() throws Exception {
    JsonNode created = client().call("PublicCreateImageScanTask", Map.of("RepoNames", "clean", "Tags", "1.0"));
    String id = created.path("Data").path("TaskId").asString();
    List<JsonNode> leaves = ScanFixtures.awaitTask(client(), id, Duration.ofMinutes(2));
    assertThat(leaves).hasSize(1);
    assertThat(leaves.get(0).path("StatusText").asString()).isEqualTo("FAIL");
    assertThat(leaves.get(0).path("ResultInfo").asString()).startsWith("failed after 3 attempts: cannot reach registry");
    assertThat(jdbc().sql("SELECT vul FROM image_risk WHERE digest = :d").param("d", cleanDigest)
        .query(Long.class).single()).as("the earlier results stand").isZero();
  }
}
