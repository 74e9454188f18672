package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.JsonShape;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.SasShapes;
import dev.drydock.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Task creation's rules through the official clients: documented errors, regions without scanning
 * support, the authorization quota (capacity 4 here), and the limit of 10 unfinished tasks under 50
 * concurrent creates. No worker runs here ({@code drydock.scan.workers=0}), so created tasks stay
 * unfinished; the images are added with PublicSyncAndCreateImageScanTask and never pulled. Runs on
 * H2 and on PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskLimitsIT {

  static final Map<String, String> PROPERTIES = Map.of("drydock.scan.workers", "0",
      "drydock.scan.quota.capacity", "4");

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    PROPERTIES.forEach(System::setProperty);
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    PROPERTIES.keySet().forEach(System::clearProperty);
    if (server != null) {
      server.close();
    }
  }

  static SasClient client() {
    return server.adminClients().get(3);
  }

  /** An image of repository limits/app-REGION (a repository's region is the region of its images). */
  static String image(String tag, String digest, String region) {
    return "{\"registryType\":\"harbor\",\"repoNamespace\":\"limits\",\"repoName\":\"app-" + region
        + "\",\"regionId\":\"" + region
        + "\",\"digest\":\"" + digest + "\",\"tag\":\"" + tag + "\"}";
  }

  static String digest(int n) {
    return String.format("%064x", n);
  }

  @Test
  @Order(1)
  void documentedErrors() {
    SasClient.ApiError empty = ScanFixtures.error(() -> client().call("PublicCreateImageScanTask", Map.of()));
    assertThat(empty.code()).as("an empty inventory").isEqualTo("TaskNumEmpty");
    assertThat(empty.status()).as("the seed's status").isEqualTo(400);
    assertThat(empty.getMessage()).contains("Create task quantity is empty");
    for (String action : List.of("PublicCreateImageScanTask", "PublicPreCheckImageScanTask")) {
      SasClient.ApiError type = ScanFixtures.error(() -> client().call(action, Map.of("RegistryTypes", "harbor,docker")));
      assertThat(type.code()).as("a RegistryTypes value outside the seed's").isEqualTo("InvalidParameter");
      assertThat(type.getMessage()).contains("RegistryTypes");
    }
    assertThat(ScanFixtures.errorCode(() -> client().call("PublicSyncAndCreateImageScanTask", Map.of())))
        .isEqualTo("MissingParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("PublicSyncAndCreateImageScanTask",
        Map.of("Images", "{\"not\":\"an array\"}")))).isEqualTo("InvalidParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("PublicSyncAndCreateImageScanTask",
        Map.of("Images", "[{\"repoName\":\"app\",\"digest\":\"nothex\",\"tag\":\"1\"}]")))).isEqualTo("InvalidParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("PublicSyncAndCreateImageScanTask",
        Map.of("Images", "[not json")))).isEqualTo("InvalidParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("DescribeOnceTaskLeafRecordPage",
        Map.of("CurrentPage", "1", "PageSize", "20", "TaskType", "IMAGE_SCAN")))).isEqualTo("MissingParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("ListUnfinishedOnceTask", Map.of("TaskType", "NOPE"))))
        .isEqualTo("InvalidParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("DescribeImageLatestScanTask", Map.of())))
        .isEqualTo("MissingParameter");
    assertThat(ScanFixtures.errorCode(() -> client().call("DescribeImageVulList", Map.of("Type", "os"))))
        .isEqualTo("InvalidParameter");
  }

  @Test
  @Order(2)
  void imagesInUnsupportedRegionsAreNotScanned() throws Exception {
    JsonNode answer = client().call("PublicSyncAndCreateImageScanTask",
        Map.of("Images", "[" + image("far", digest(99), "cn-wulanchabu") + "]"));
    assertThat(SasShapes.mismatches(answer, SasShapes.CREATE_SCAN_TASK)).as(answer.toString()).isEmpty();
    JsonNode data = answer.path("Data");
    assertThat(data.path("Result").asString()).isEqualTo("TASK_NOT_SUPPORT_REGION");
    assertThat(data.path("Status").asString()).isEqualTo("FAIL");
    assertThat(data.path("Progress").asInt()).isEqualTo(100);
    assertThat(data.path("FinishCount").asInt()).isEqualTo(1);
    JsonNode leaf = ScanFixtures.leaves(client(), data.path("TaskId").asString()).get(0);
    assertThat(leaf.path("ResultInfo").asString()).isEqualTo("TASK_NOT_SUPPORT_REGION");
    assertThat(client().call("DescribeImageScanAuthCount", Map.of()).path("ImageScan").path("ScanCount").asLong())
        .as("nothing scanned, nothing consumed").isZero();
  }

  @Test
  @Order(3)
  void theQuotaCountsEachDigestOncePerPeriod() throws Exception {
    JsonNode created = client().call("PublicSyncAndCreateImageScanTask",
        Map.of("Images", "[" + image("a", digest(1), "cn-hangzhou") + "," + image("b", digest(2), "cn-hangzhou")
            + "," + image("b2", digest(2), "cn-hangzhou") + "]"));
    assertThat(SasShapes.mismatches(created, SasShapes.CREATE_SCAN_TASK)).as(created.toString()).isEmpty();
    JsonNode first = created.path("Data");
    assertThat(first.path("Status").asString()).isEqualTo("INIT");
    assertThat(first.path("ExecTime").asLong()).as("not started: the CollectTime, as in the seed's example")
        .isEqualTo(first.path("CollectTime").asLong());
    assertThat(first.path("TotalCount").asInt()).isEqualTo(3);
    JsonNode auth = client().call("DescribeImageScanAuthCount", Map.of()).path("ImageScan");
    assertThat(auth.path("ImageScanCapacity").asLong()).isEqualTo(4);
    assertThat(auth.path("ScanCount").asLong()).isEqualTo(2);
    String uuid = client().call("ListImageRisk", Map.of("ImageName", "limits/app-cn-hangzhou:a")).path("ImageRiskList")
        .get(0).path("Uuid").asString();
    JsonNode unfinished = client().call("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN", "Target", uuid));
    assertThat(SasShapes.mismatches(unfinished, JsonShape.obj("RequestId", JsonShape.STR, "OnceTasks",
        JsonShape.arr(SasShapes.UNFINISHED_ONCE_TASK)))).as(unfinished.toString()).isEmpty();
    JsonNode pre = client().call("PublicPreCheckImageScanTask", Map.of("Tags", "a,b")).path("Data");
    assertThat(pre.path("ScanImageCount").asInt()).isEqualTo(2);
    assertThat(pre.path("NeedAuthCount").asInt()).as("rescans in the period are free").isZero();
    SasClient.ApiError beyond = ScanFixtures.error(() -> client().call("PublicSyncAndCreateImageScanTask",
        Map.of("Images", "[" + image("c", digest(3), "cn-hangzhou") + "," + image("d", digest(4), "cn-hangzhou")
            + "," + image("e", digest(5), "cn-hangzhou") + "]")));
    assertThat(beyond.code()).as("the seed's spelling").isEqualTo("BeyondQuata");
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.getMessage()).contains("Please check the scan quota");
    assertThat(client().call("DescribeImageScanAuthCount", Map.of()).path("ImageScan").path("ScanCount").asLong())
        .isEqualTo(2);
  }

  @Test
  @Order(4)
  void fiftyConcurrentCreatesMakeExactlyTenTasks() throws Exception {
    int before = client().call("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN")).path("OnceTasks").size();
    assertThat(before).isEqualTo(1);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        SasClient c = server.adminClients().get(i % 5);
        results.add(pool.submit(() -> {
          go.await();
          try {
            return c.call("PublicCreateImageScanTask", Map.of("Tags", "a,b"));
          } catch (SasClient.ApiError e) {
            return e;
          }
        }));
      }
      go.countDown();
      int created = 0;
      int refused = 0;
      int cannotCreateMore = 0;
      for (Future<Object> f : results) {
        Object r = f.get();
        if (r instanceof JsonNode n) {
          created++;
          assertThat(n.path("Data").path("TotalCount").asInt()).isEqualTo(2);
          cannotCreateMore += n.path("Data").path("CanCreate").asBoolean() ? 0 : 1;
        } else {
          SasClient.ApiError e = (SasClient.ApiError) r;
          assertThat(e.code()).as(e.getMessage()).isEqualTo("TaskNumLimit");
          assertThat(e.getMessage()).contains("unfinished");
          refused++;
        }
      }
      assertThat(created).isEqualTo(9);
      assertThat(refused).isEqualTo(41);
      assertThat(cannotCreateMore).as("the create that reached the limit says so").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(client().call("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN")).path("OnceTasks"))
        .hasSize(10);
    assertThat(ScanFixtures.errorCode(() -> client().call("PublicCreateImageScanTask", Map.of("Tags", "a"))))
        .isEqualTo("TaskNumLimit");
  }
}
