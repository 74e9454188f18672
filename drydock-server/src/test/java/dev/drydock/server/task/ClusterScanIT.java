package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.Await;
import dev.drydock.server.testing.ImageRiskNames;
import dev.drydock.server.testing.MockCluster;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.RegistryProcess;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clusters, registries and scans together, through the official clients:
 * <ul>
 *   <li>a <em>registered</em> loopback registry (Debian's {@code docker-registry}, basic auth)
 *       holding {@code team/app:1.0}, and an older digest of {@code team/app:0.9} that a pod still
 *       runs although the tag has moved on (so the sync does not list it);
 *   <li>an <em>unregistered</em> loopback registry ({@code drydock.scan.insecure-registries} names
 *       it, as Docker's setting would) holding the vulnerable {@code tools/agent:2.0}, pushed with
 *       skopeo;
 *   <li>two clusters whose pods run these images by tag and by digest, and a Docker Hub image that
 *       cannot be pulled here.
 * </ul>
 * The watch lists the running images no registry holds as {@code NOT_IN_SAS}; ListImageRisk's
 * ClusterId / Namespace / AppName select exactly the images that run there; a scan task selected
 * by digest pulls a {@code NOT_IN_SAS} image from the host its pods name (anonymously, or with the
 * registered registry's credentials when that registry serves the host) and its statistics appear
 * in ListImageRisk and in DescribeGroupedContainerInstances' risk counts.
 *
 * <p>No real cluster runs on the test machines: the Kubernetes API servers are fabric8's mock
 * server in CRUD mode ({@link MockCluster}). Everything else is real. Runs on H2 and PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScanIT {

  static final String USER = "anyone";
  static final String PASSWORD = "anything-goes";

  static Map<String, String> properties = new HashMap<>();
  static TestServer server;
  static RegistryProcess registered;
  static RegistryProcess unregistered;
  static MockCluster prod;
  static MockCluster staging;
  static Path work;
  static String prodId;
  static String stagingId;
  static String appDigest;
  static String oldAppDigest;
  static String agentDigest;
  static final String REDIS_DIGEST = "7f5b4a4d1e6c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a291";

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("drydock-cluster-scan-it");
    Path advisories = work.resolve("advisories.db");
    ScanFixtures.importAdvisories(advisories, work, ScanFixtures.DEBIAN_TRACKER);
    registered = RegistryProcess.basic(USER, PASSWORD);
    unregistered = RegistryProcess.anonymous();
    oldAppDigest = ScanFixtures.push(ScanFixtures.clean("app 0.9, first build"), registered, work.resolve("old"),
        "team/app", "0.9");
    assertThat(ScanFixtures.push(ScanFixtures.clean("app 0.9, rebuilt"), registered, work, "team/app", "0.9"))
        .isNotEqualTo(oldAppDigest);
    appDigest = ScanFixtures.push(ScanFixtures.clean("app 1.0"), registered, work, "team/app", "1.0");
    agentDigest = ScanFixtures.push(ScanFixtures.vulnerable(), unregistered, work, "tools/agent", "2.0");

    properties.putAll(MockCluster.FAST_WATCH);
    properties.putAll(ScanTaskIT.PROPERTIES);
    properties.put("drydock.scan.advisory-db", advisories.toString());
    properties.put("drydock.scan.insecure-registries", host(unregistered));
    properties.forEach(System::setProperty);
    server = TestServer.start();

    long registryId = ScanFixtures.register(client(), registered, "cn-hangzhou");
    ScanFixtures.awaitImages(client(), registryId, 2);

    String app = host(registered) + "/team/app";
    String agent = host(unregistered) + "/tools/agent";
    prod = MockCluster.withFixtures();
    prod.create(List.of(
        pod("prod", "web-1", "web", app + ":1.0", app + "@sha256:" + appDigest, "node-1", "192.168.49.2"),
        pod("prod", "legacy-1", "legacy", app + ":0.9", "docker-pullable://" + app + "@sha256:" + oldAppDigest,
            "node-1", "192.168.49.2"),
        pod("prod", "agent-1", "agent", agent + "@sha256:" + agentDigest, agent + "@sha256:" + agentDigest, "node-2",
            "192.168.49.3"),
        pod("dev", "web-dev", "web", agent + ":2.0", "docker-pullable://" + agent + "@sha256:" + agentDigest,
            "node-1", "192.168.49.2")));
    staging = MockCluster.withFixtures();
    staging.create(List.of(pod("default", "cache-0", "cache", "redis:7.2",
        "docker.io/library/redis@sha256:" + REDIS_DIGEST, "node-a", "10.0.0.5")));
    prodId = client().call("AddKubernetesCluster", Map.of("ClusterName", "prod", "ApiServerUrl", prod.url(),
        "Token", "prod-token")).path("Data").path("ClusterId").asString();
    stagingId = client().call("AddKubernetesCluster", Map.of("ClusterName", "staging", "ClusterType",
        "ManagedKubernetes", "ApiServerUrl", staging.url(), "Token", "staging-token")).path("Data").path("ClusterId")
        .asString();
    Await.until("both clusters synced", () -> count("SELECT COUNT(*) FROM workload_image") == 5);
    // agent by digest and by tag (two names of one digest), team/app 0.9's old digest, redis
    Await.until("the running-image inventory",
        () -> count("SELECT COUNT(*) FROM image WHERE access_type = 'NOT_IN_SAS'") == 4);
  }

  @AfterAll
  static void stop() throws Exception {
    properties.keySet().forEach(System::clearProperty);
    for (AutoCloseable c : new AutoCloseable[] {server, prod, staging, registered, unregistered}) {
      if (c != null) {
        c.close();
      }
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static String host(RegistryProcess r) {
    return "127.0.0.1:" + r.port();
  }

  /** A running pod with one container, as the API server answers it once the kubelet reported its status. */
  static HasMetadata pod(String namespace, String name, String app, String image, String imageId, String node,
      String hostIp) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).withUid("uid-" + namespace + "-" + name)
        .withCreationTimestamp("2024-05-01T08:00:00Z").addToLabels("app", app).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage(image).endContainer().endSpec()
        .withNewStatus().withPhase("Running").withHostIP(hostIp).withPodIP("10.244.9." + (name.length() + 10))
        .addNewContainerStatus().withName("main").withImage(image).withImageID(imageId).withReady(true)
        .withNewState().withNewRunning().withStartedAt("2024-05-01T08:00:05Z").endRunning().endState()
        .endContainerStatus().endStatus()
        .build();
  }

  static SasClient client() {
    return server.adminClients().get(3);
  }

  static JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  static long count(String sql) {
    return jdbc().sql(sql).query(Long.class).single();
  }

  static Stream<SasClient> clients() {
    return server.adminClients().stream();
  }

  static Stream<Arguments> filters() {
    String agentByDigest = "tools/agent:sha256:%s NOT_IN_SAS"; // a reference by digest only
    return Stream.of(
        Arguments.of("prod", Map.of("ClusterId", "prod"), List.of("team/app:1.0 IN_SAS", "team/app:0.9 NOT_IN_SAS",
            "tools/agent:2.0 NOT_IN_SAS", agentByDigest)),
        Arguments.of("staging", Map.of("ClusterId", "staging"), List.of("library/redis:7.2 NOT_IN_SAS")),
        Arguments.of("namespace dev", Map.of("Namespace", "dev"), List.of("tools/agent:2.0 NOT_IN_SAS", agentByDigest)),
        Arguments.of("app web", Map.of("AppName", "web"), List.of("team/app:1.0 IN_SAS", "tools/agent:2.0 NOT_IN_SAS",
            agentByDigest)),
        Arguments.of("prod, prod, web", Map.of("ClusterId", "prod", "Namespace", "prod", "AppName", "web"),
            List.of("team/app:1.0 IN_SAS")),
        Arguments.of("app legacy", Map.of("AppName", "legacy"), List.of("team/app:0.9 NOT_IN_SAS")),
        Arguments.of("staging, app web", Map.of("ClusterId", "staging", "AppName", "web"), List.of()),
        Arguments.of("unknown cluster", Map.of("ClusterId", "c0123"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  @Order(1)
  void listImageRiskSelectsTheImagesThatRunThere(String what, Map<String, String> filter, List<String> want)
      throws Exception {
    Map<String, String> query = new HashMap<>(filter);
    query.computeIfPresent("ClusterId", (k, v) -> v.equals("prod") ? prodId : v.equals("staging") ? stagingId : v);
    List<String> expected = want.stream().map(s -> s.formatted(agentDigest)).toList();
    for (SasClient c : clients().toList()) {
      assertThat(ImageRiskNames.of(c, query)).as("%s through %s", what, c).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  @Order(2)
  void notInSasImagesAreScannedFromTheHostTheirPodsName() throws Exception {
    JsonNode pre = client().call("PublicPreCheckImageScanTask", Map.of("Digests",
        "sha256:" + agentDigest + "," + oldAppDigest));
    assertThat(pre.path("Data").path("ScanImageCount").asInt()).as("the agent under two names, the old app").isEqualTo(3);
    assertThat(pre.path("Data").path("NeedAuthCount").asInt()).isEqualTo(2);
    String taskId = client().call("PublicCreateImageScanTask", Map.of("Digests",
        "sha256:" + agentDigest + "," + oldAppDigest)).path("Data").path("TaskId").asString();
    List<JsonNode> leaves = ScanFixtures.awaitTask(client(), taskId, Duration.ofMinutes(3));
    assertThat(leaves).hasSize(3);
    for (JsonNode leaf : leaves) {
      assertThat(leaf.path("StatusText").asString()).as(leaf.toString()).isEqualTo("SUCCESS");
      JsonNode info = leaf.path("TaskImageInfo");
      assertThat(info.path("ClusterId").asString()).isEqualTo(prodId);
      assertThat(info.path("ClusterName").asString()).isEqualTo("prod");
      if (info.path("Digest").asString().equals(agentDigest)) {
        // two running pods run it: dev/web-dev is shown (namespace dev sorts before prod)
        assertThat(info.path("AppName").asString()).isEqualTo("web");
        assertThat(info.path("Pod").asString()).isEqualTo("web-dev");
        assertThat(info.path("NodeName").asString()).isEqualTo("node-1");
        assertThat(info.path("NodeIp").asString()).isEqualTo("192.168.49.2");
        assertThat(info.path("NodeInstanceId").asString()).isEqualTo("node-1");
      } else {
        assertThat(info.path("Digest").asString()).isEqualTo(oldAppDigest);
        assertThat(info.path("Pod").asString()).isEqualTo("legacy-1");
      }
    }

    JsonNode agent = statistics("agent");
    assertThat(agent.path("vul").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(agent.path("baselineNum").asLong()).isEqualTo(2);
    assertThat(agent.path("newSuspicious").asLong()).isPositive();
    JsonNode legacy = statistics("legacy");
    assertThat(legacy.path("vul").asLong() + legacy.path("baselineNum").asLong() + legacy.path("newSuspicious").asLong())
        .as("the clean old build, pulled with the registered registry's credentials").isZero();
    assertThat(count("SELECT COUNT(*) FROM image_report WHERE digest = '" + oldAppDigest + "'")).isEqualTo(1);

    // an application is grouped per cluster and namespace
    Map<String, JsonNode> apps = new HashMap<>();
    client().call("DescribeGroupedContainerInstances", Map.of("GroupField", "appName"))
        .path("GroupedContainerInstanceList")
        .forEach(g -> apps.put(g.path("Namespace").asString() + "/" + g.path("AppName").asString(), g));
    assertThat(apps.keySet()).containsExactlyInAnyOrder("prod/web", "prod/legacy", "prod/agent", "dev/web",
        "default/cache");
    JsonNode agentApp = apps.get("prod/agent");
    assertThat(agentApp.path("RiskStatus").asString()).isEqualTo("YES");
    assertThat(agentApp.path("InstanceCount").asInt()).isEqualTo(1);
    assertThat(agentApp.path("RiskInstanceCount").asInt()).isEqualTo(1);
    assertThat(agentApp.path("VulCount").asLong()).isEqualTo(agent.path("vul").asLong());
    assertThat(agentApp.path("HcCount").asLong()).isEqualTo(agent.path("baselineNum").asLong());
    assertThat(agentApp.path("AlarmCount").asLong()).isEqualTo(agent.path("newSuspicious").asLong());
    assertThat(agentApp.path("RiskLevel").asString()).isIn("high", "medium", "low");
    assertThat(apps.get("dev/web").path("RiskInstanceCount").asInt()).as("web-dev runs the agent image").isEqualTo(1);
    assertThat(apps.get("prod/web").path("RiskStatus").asString()).as("team/app:1.0, never scanned").isEqualTo("NO");
    assertThat(apps.get("prod/legacy").path("RiskStatus").asString()).as("scanned, clean").isEqualTo("NO");
    assertThat(apps.get("default/cache").path("RiskStatus").asString()).as("never scanned").isEqualTo("NO");

    JsonNode prodCluster = client().call("DescribeGroupedContainerInstances", Map.of("GroupField", "clusterId",
        "FieldValue", "prod")).path("GroupedContainerInstanceList").get(0);
    assertThat(prodCluster.path("InstanceCount").asInt()).isEqualTo(4);
    assertThat(prodCluster.path("RiskInstanceCount").asInt()).as("agent-1 and web-dev").isEqualTo(2);
    assertThat(prodCluster.path("VulCount").asLong()).as("the agent digest counts once")
        .isEqualTo(agent.path("vul").asLong());
  }

  @Test
  @Order(3)
  void anImageNobodyCanPullFailsItsJobWithTheReason() throws Exception {
    String taskId = client().call("PublicCreateImageScanTask", Map.of("Digests", REDIS_DIGEST)).path("Data")
        .path("TaskId").asString();
    List<JsonNode> leaves = ScanFixtures.awaitTask(client(), taskId, Duration.ofMinutes(3));
    assertThat(leaves).hasSize(1);
    assertThat(leaves.get(0).path("StatusText").asString()).isEqualTo("FAIL");
    assertThat(leaves.get(0).path("ResultInfo").asString()).contains("docker.io");
    assertThat(leaves.get(0).path("TaskImageInfo").path("ClusterName").asString()).isEqualTo("staging");
  }

  /** ListImageRisk's Statistics of the (first) image the application runs, parsed. */
  static JsonNode statistics(String appName) throws Exception {
    JsonNode list = client().call("ListImageRisk", Map.of("AppName", appName)).path("ImageRiskList");
    assertThat(list).as("images of %s", appName).isNotEmpty();
    return JsonMapper.builder().build().readTree(list.get(0).path("Statistics").asString());
  }
}
