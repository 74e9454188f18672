package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.server.testing.Await;
import dev.drydock.server.testing.ImageRiskNames;
import dev.drydock.server.testing.MockCluster;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.SasShapes;
import dev.drydock.server.testing.TestServer;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The cluster operations through every official client: DescribeGroupedContainerInstances'
 * groupings, keyword, Criteria / LogicalExp, paging and risk counts over a synced cluster with
 * scan results in {@code image_risk} / {@code image_vuln} / {@code image_finding}; the
 * registration operations' answers and errors; ListImageRisk's ClusterId / Namespace / AppName
 * filters over the running images ({@code NOT_IN_SAS} here: no registry is registered); the
 * cluster fields of a scan task's TaskImageInfo. The end-to-end path with registries and real
 * scans is {@code task.ClusterScanIT}.
 *
 * <p>No real cluster runs on the test machines: the API server is fabric8's Kubernetes mock
 * server in CRUD mode ({@link MockCluster}) holding the kubernetes/shop fixtures.
 */
class ClusterOperationsIT {

  private static final String TOKEN = "reader-token-0123456789";
  private static final Map<String, String> PROPERTIES = withNoScanWorkers();

  static Map<String, String> withNoScanWorkers() {
    Map<String, String> p = new HashMap<>(MockCluster.FAST_WATCH);
    p.put("drydock.scan.workers", "0");
    return p;
  }

  static TestServer server;
  static MockCluster cluster;
  static String shopId;
  static Map<String, String> digests = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    PROPERTIES.forEach(System::setProperty);
    server = TestServer.start();
    cluster = MockCluster.withFixtures("/testdata/kubernetes/shop/workloads.json", "/testdata/kubernetes/shop/pods.json");
    SasClient first = server.adminClients().getFirst();
    shopId = first.call("AddKubernetesCluster", Map.of("ClusterName", "shop", "ApiServerUrl", cluster.url(),
        "Token", TOKEN)).path("Data").path("ClusterId").asString();
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    first.call("AddKubernetesCluster", Map.of("ClusterName", "unreachable", "ClusterType", "Ask",
        "ApiServerUrl", "http://127.0.0.1:" + closed, "Token", TOKEN));
    await("the sync", () -> count("SELECT COUNT(*) FROM workload_image") == 10);
    // the state is recorded by the watch's next poll after the first list
    await("the shop cluster running", () -> count("SELECT COUNT(*) FROM k8s_cluster WHERE cluster_state = 'running'") == 1);
    await("the running-image inventory", () -> count("SELECT COUNT(*) FROM image WHERE access_type = 'NOT_IN_SAS'") == 6);
    for (String pod : List.of("web-7d4b9c8f6d-x2k9p", "db-0", "report-28473920-7x8vw")) {
      digests.put(pod, jdbc().sql("SELECT digest FROM workload_image WHERE pod = ? AND init_container = FALSE")
          .param(1, pod).query(String.class).single());
    }
    // scan results: nginx 3 vulnerabilities (one HIGH) and a baseline risk; postgres one LOW; report 2 suspicious files
    risk(digests.get("web-7d4b9c8f6d-x2k9p"), 3, 1, 0);
    vuln(digests.get("web-7d4b9c8f6d-x2k9p"), "HIGH");
    risk(digests.get("db-0"), 1, 0, 0);
    vuln(digests.get("db-0"), "LOW");
    risk(digests.get("report-28473920-7x8vw"), 0, 0, 2);
    jdbc().sql("""
            INSERT INTO image_finding (digest, kind, rule_id, title, level, path, first_seen_at)
            VALUES (?, 'MALWARE', 'webshell', 'web shell', 'suspicious', '/srv/x.php', ?)""")
        .param(1, digests.get("report-28473920-7x8vw")).param(2, OffsetDateTime.now()).update();
  }

  @AfterAll
  static void stop() {
    PROPERTIES.keySet().forEach(System::clearProperty);
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  static long count(String sql) {
    return jdbc().sql(sql).query(Long.class).single();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, condition);
  }


  static void risk(String digest, int vul, int baseline, int suspicious) {
    jdbc().sql("INSERT INTO image_risk (digest, vul, baseline_num, new_suspicious, scanned_at) VALUES (?, ?, ?, ?, ?)")
        .param(1, digest).param(2, vul).param(3, baseline).param(4, suspicious).param(5, OffsetDateTime.now()).update();
  }

  static void vuln(String digest, String severity) {
    jdbc().sql("""
            INSERT INTO image_vuln (digest, vuln_id, advisory_id, vuln_type, ecosystem, package_name, package_version,
              fix_status, severity, severity_source, data_source, path, first_seen_at)
            VALUES (?, 'CVE-2024-0001', 'DSA-1', 'cve', 'deb', 'libx', '1.0', 'FIXED', ?, 'debian', 'debian', '/var/lib/dpkg/status', ?)""")
        .param(1, digest).param(2, severity).param(3, OffsetDateTime.now()).update();
  }

  static Stream<SasClient> clients() {
    return server.adminClients().stream();
  }

  /**
   * Every grouping answers the reference's fields and types (CusterState, sic), and ListImageRisk
   * answers every field of the seed for images no registry holds (NOT_IN_SAS) too.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void answersHaveTheReferenceShape(SasClient c) throws Exception {
    for (String field : List.of("pod", "appName", "namespace", "clusterId", "image")) {
      JsonNode r = groups(c, Map.of("GroupField", field));
      assertThat(SasShapes.mismatches(r, SasShapes.GROUPED_CONTAINER_INSTANCES)).as("by %s: %s", field, r).isEmpty();
    }
    assertThat(byKey(groups(c, Map.of("GroupField", "clusterId")), "ClusterName").get("shop").path("CusterState")
        .asString()).isEqualTo("running");
    JsonNode risk = c.call("ListImageRisk", Map.of("ClusterId", shopId, "PageSize", 100));
    assertThat(SasShapes.mismatches(risk, SasShapes.LIST_IMAGE_RISK)).as(risk.toString()).isEmpty();
    assertThat(risk.path("ImageRiskList").findValuesAsString("ImageAccessType")).containsOnly("NOT_IN_SAS");
    assertThat(risk.path("ImageRiskList").findValuesAsString("RegistryType")).containsOnly("");
  }

  static JsonNode groups(SasClient c, Map<String, Object> query) throws SasClient.ApiError {
    return c.call("DescribeGroupedContainerInstances", query);
  }

  static Map<String, JsonNode> byKey(JsonNode r, String field) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    r.path("GroupedContainerInstanceList").forEach(g -> m.put(g.path(field).asString(), g));
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void groupsByPodWithRiskCounts(SasClient c) throws Exception {
    JsonNode r = groups(c, Map.of("GroupField", "pod"));
    assertThat(r.path("PageInfo").path("TotalCount").asLong()).isEqualTo(8);
    assertThat(r.path("PageInfo").path("PageSize").asInt()).isEqualTo(20);
    Map<String, JsonNode> pods = byKey(r, "Pod");
    JsonNode web = pods.get("web-7d4b9c8f6d-x2k9p");
    assertThat(web.path("AppName").asString()).isEqualTo("web");
    assertThat(web.path("Namespace").asString()).isEqualTo("shop");
    assertThat(web.path("ClusterId").asString()).isEqualTo(shopId);
    assertThat(web.path("ClusterName").asString()).isEqualTo("shop");
    assertThat(web.path("ClusterType").asString()).isEqualTo("Kubernetes");
    assertThat(web.path("CusterState").asString()).isEqualTo("running");
    assertThat(web.path("PodIp").asString()).isEqualTo("10.244.1.12");
    assertThat(web.path("HostIp").asString()).isEqualTo("192.168.49.2");
    assertThat(web.path("InstanceId").asString()).isEqualTo("node-1");
    assertThat(web.path("InstanceCount").asInt()).isEqualTo(1);
    assertThat(web.path("RiskInstanceCount").asInt()).isEqualTo(1);
    assertThat(web.path("VulCount").asInt()).isEqualTo(3);
    assertThat(web.path("HcCount").asInt()).isEqualTo(1);
    assertThat(web.path("AlarmCount").asInt()).isZero();
    assertThat(web.path("RiskStatus").asString()).isEqualTo("YES");
    assertThat(web.path("RiskLevel").asString()).isEqualTo("high");
    assertThat(web.path("SyncOpen").asInt()).isZero();
    assertThat(web.path("CreateTime").asLong()).isPositive();
    assertThat(pods.get("db-0").path("RiskLevel").asString()).isEqualTo("low");
    assertThat(pods.get("report-28473920-7x8vw").path("AlarmCount").asInt()).isEqualTo(2);
    assertThat(pods.get("report-28473920-7x8vw").path("RiskLevel").asString()).isEqualTo("medium");
    assertThat(pods.get("orphan-pod").path("RiskStatus").asString()).isEqualTo("NO");
    assertThat(pods.get("orphan-pod").has("RiskLevel")).isFalse();
    assertThat(pods.get("debug-shell").path("AppName").asString()).isEqualTo("toolbox");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void groupsByAppNamespaceClusterAndImage(SasClient c) throws Exception {
    JsonNode apps = groups(c, Map.of("GroupField", "appName", "FieldValue", "WEB"));
    assertThat(apps.path("PageInfo").path("TotalCount").asLong()).isEqualTo(1);
    JsonNode web = apps.path("GroupedContainerInstanceList").get(0);
    assertThat(web.path("AppName").asString()).isEqualTo("web");
    assertThat(web.path("InstanceCount").asInt()).isEqualTo(2);
    assertThat(web.path("RiskInstanceCount").asInt()).isEqualTo(2);
    assertThat(web.path("VulCount").asInt()).isEqualTo(3); // the nginx image counts once for both pods
    assertThat(web.has("Pod")).isFalse();

    Map<String, JsonNode> ns = byKey(groups(c, Map.of("GroupField", "namespace")), "Namespace");
    assertThat(ns.keySet()).containsExactly("kube-system", "monitoring", "shop");
    assertThat(ns.get("shop").path("InstanceCount").asInt()).isEqualTo(6);
    assertThat(ns.get("shop").path("RiskInstanceCount").asInt()).isEqualTo(4);
    assertThat(ns.get("shop").path("VulCount").asInt()).isEqualTo(4);
    assertThat(ns.get("shop").path("AlarmCount").asInt()).isEqualTo(2);
    assertThat(ns.get("shop").path("RiskLevel").asString()).isEqualTo("high");

    Map<String, JsonNode> clusters = byKey(groups(c, Map.of("GroupField", "clusterId")), "ClusterName");
    assertThat(clusters.keySet()).containsExactly("shop", "unreachable");
    assertThat(clusters.get("shop").path("InstanceCount").asInt()).isEqualTo(8);
    assertThat(clusters.get("shop").path("RiskInstanceCount").asInt()).isEqualTo(4);
    assertThat(clusters.get("shop").path("RegionId").asString()).isNotBlank();
    assertThat(clusters.get("unreachable").path("InstanceCount").asInt()).isZero();
    assertThat(clusters.get("unreachable").path("ClusterType").asString()).isEqualTo("Ask");
    assertThat(clusters.get("unreachable").path("RiskStatus").asString()).isEqualTo("NO");
    assertThat(groups(c, Map.of("GroupField", "clusterId", "FieldValue", shopId.substring(3, 12)))
        .path("PageInfo").path("TotalCount").asLong()).isEqualTo(1);

    JsonNode images = groups(c, Map.of("GroupField", "image", "FieldValue", "nginx"));
    assertThat(images.path("PageInfo").path("TotalCount").asLong()).isEqualTo(1);
    JsonNode nginx = images.path("GroupedContainerInstanceList").get(0);
    assertThat(nginx.path("Image").asString()).isEqualTo("nginx:1.25.3");
    assertThat(nginx.path("ImageDigest").asString()).isEqualTo(digests.get("web-7d4b9c8f6d-x2k9p"));
    assertThat(nginx.path("ImageRepoNamespace").asString()).isEqualTo("library");
    assertThat(nginx.path("ImageRepoName").asString()).isEqualTo("nginx");
    assertThat(nginx.path("ImageRepoTag").asString()).isEqualTo("1.25.3");
    assertThat(nginx.path("ImageUuid").asString()).isEqualTo(jdbc().sql(
        "SELECT uuid FROM image WHERE full_name = 'library/nginx:1.25.3'").query(String.class).single());
    assertThat(nginx.path("InstanceCount").asInt()).isEqualTo(2);
    assertThat(nginx.path("VulCount").asInt()).isEqualTo(3);
    assertThat(nginx.has("ClusterId")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void criteriaLogicalExpAndPaging(SasClient c) throws Exception {
    assertThat(podNames(groups(c, Map.of("GroupField", "pod", "Criteria", "[{\"name\":\"riskStatus\",\"value\":\"YES\"}]"))))
        .containsExactlyInAnyOrder("web-7d4b9c8f6d-x2k9p", "web-7d4b9c8f6d-q8z7m", "db-0", "report-28473920-7x8vw");
    assertThat(podNames(groups(c, Map.of("GroupField", "pod", "Criteria", "[{\"name\":\"riskLevel\",\"value\":\"2\"}]"))))
        .containsExactly("report-28473920-7x8vw");
    String two = "[{\"name\":\"namespace\",\"value\":\"monitoring\"},{\"name\":\"riskLevel\",\"value\":\"low\"}]";
    assertThat(podNames(groups(c, Map.of("GroupField", "pod", "Criteria", two, "LogicalExp", "OR"))))
        .containsExactlyInAnyOrder("node-exporter-abcde", "db-0");
    assertThat(podNames(groups(c, Map.of("GroupField", "pod", "Criteria", two, "LogicalExp", "AND")))).isEmpty();
    assertThat(podNames(groups(c, Map.of("GroupField", "pod", "Criteria",
        "[{\"name\":\"riskStatus\",\"value\":\"NO\"},{\"name\":\"instanceId\",\"value\":\"NODE-2\"}]"))))
        .containsExactlyInAnyOrder("node-exporter-abcde", "debug-shell", "orphan-pod");
    JsonNode page = groups(c, Map.of("GroupField", "pod", "PageSize", "3", "CurrentPage", "3"));
    assertThat(page.path("PageInfo").path("Count").asInt()).isEqualTo(2);
    assertThat(page.path("PageInfo").path("CurrentPage").asInt()).isEqualTo(3);
    assertThat(page.path("PageInfo").path("TotalCount").asLong()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void badInputGetsTheDocumentedErrors(SasClient c) {
    assertError(c, Map.of(), "MissingParameter", "GroupField");
    assertError(c, Map.of("GroupField", "host"), "InvalidParameter", "GroupField");
    assertError(c, Map.of("GroupField", "pod", "Criteria", "riskStatus=YES"), "InvalidParameter", "Criteria");
    assertError(c, Map.of("GroupField", "pod", "Criteria", "[{\"name\":\"color\",\"value\":\"red\"}]"),
        "InvalidParameter", "Criteria");
    assertError(c, Map.of("GroupField", "pod", "Criteria", "[{\"name\":\"riskStatus\",\"value\":\"maybe\"}]"),
        "InvalidParameter", "Criteria");
    assertError(c, Map.of("GroupField", "pod", "LogicalExp", "XOR"), "InvalidParameter", "LogicalExp");
    assertError(c, Map.of("GroupField", "pod", "PageSize", "0"), "InvalidParameter", "PageSize");
  }

  static void assertError(SasClient c, Map<String, Object> query, String code, String parameter) {
    assertThatThrownBy(() -> groups(c, query)).isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains(parameter);
    });
  }

  static List<String> podNames(JsonNode r) {
    List<String> out = new ArrayList<>();
    r.path("GroupedContainerInstanceList").forEach(g -> out.add(g.path("Pod").asString()));
    return out;
  }

  @Test
  void registrationErrorsAndNoCredentialInAnyAnswer() throws Exception {
    SasClient c = server.adminClients().get(3);
    String exec = """
        apiVersion: v1
        kind: Config
        current-context: x
        clusters: [{name: x, cluster: {server: "https://10.0.0.1:6443"}}]
        contexts: [{name: x, context: {cluster: x, user: x}}]
        users: [{name: x, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/true}}}]
        """;
    assertThatThrownBy(() -> c.call("2018-12-03", "AddKubernetesCluster", Map.of("ClusterName", "e"),
        Map.of("KubeConfig", exec))).isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidParameter");
          assertThat(e.getMessage()).contains("KubeConfig").contains("exec plugin");
        });
    assertThatThrownBy(() -> c.call("AddKubernetesCluster", Map.of("ClusterName", "shop", "ApiServerUrl",
        cluster.url(), "Token", "t"))).hasMessageContaining("InvalidParameter").hasMessageContaining("already registered");
    assertThatThrownBy(() -> c.call("AddKubernetesCluster", Map.of("ClusterName", "n")))
        .hasMessageContaining("MissingParameter").hasMessageContaining("KubeConfig");
    assertThatThrownBy(() -> c.call("AddKubernetesCluster", Map.of("ClusterName", "n", "ApiServerUrl", cluster.url())))
        .hasMessageContaining("MissingParameter").hasMessageContaining("Token");
    assertThatThrownBy(() -> c.call("AddKubernetesCluster", Map.of("ClusterName", "n", "ClusterType", "Nomad",
        "ApiServerUrl", cluster.url(), "Token", "t"))).hasMessageContaining("ClusterType");
    assertThatThrownBy(() -> c.call("AddKubernetesCluster", Map.of("ClusterName", "n", "ApiServerUrl", "ftp://x",
        "Token", "t"))).hasMessageContaining("InvalidParameter").hasMessageContaining("ApiServerUrl");
    JsonNode list = c.call("ListKubernetesClusters", Map.of());
    assertThat(list.toString()).doesNotContain(TOKEN);
    assertThat(list.path("Clusters")).hasSize(2);
    assertThat(list.path("Clusters").get(0).path("ContainerCount").asLong()).isEqualTo(10);
    assertThat(list.path("Clusters").get(0).path("AuthType").asString()).isEqualTo("token");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void listImageRiskSelectsImagesByWhereTheyRun(SasClient c) throws Exception {
    assertThat(ImageRiskNames.of(c, Map.of("ClusterId", shopId, "Namespace", "shop", "AppName", "web")))
        .containsExactlyInAnyOrder("library/nginx:1.25.3 NOT_IN_SAS", "shop/migrate:2.1 NOT_IN_SAS");
    assertThat(ImageRiskNames.of(c, Map.of("Namespace", "kube-system")))
        .containsExactly("/kube-apiserver:v1.29.0 NOT_IN_SAS");
    assertThat(ImageRiskNames.of(c, Map.of("AppName", "report"))).hasSize(1);
    assertThat(ImageRiskNames.of(c, Map.of("ClusterId", shopId))).hasSize(6);
    assertThat(ImageRiskNames.of(c, Map.of("AppName", "toolbox"))).as("CrashLoopBackOff, no digest yet").isEmpty();
    assertThat(ImageRiskNames.of(c, Map.of("ClusterId", "c0000", "AppName", "web"))).isEmpty();
  }

  /**
   * A task's sub-tasks carry where their digest ran when the task was created. The server runs no
   * scan workers here ({@code drydock.scan.workers=0}), so the task stays unfinished.
   */
  @Test
  void taskImageInfoSaysWhereTheDigestRuns() throws Exception {
    SasClient c = server.adminClients().get(3);
    String nginx = digests.get("web-7d4b9c8f6d-x2k9p");
    String taskId = c.call("PublicCreateImageScanTask", Map.of("Digests", "sha256:" + nginx)).path("Data")
        .path("TaskId").asString();
    String uuid = jdbc().sql("SELECT uuid FROM image WHERE digest = ?").param(1, nginx).query(String.class).single();
    JsonNode unfinished = c.call("ListUnfinishedOnceTask", Map.of("TaskType", "IMAGE_SCAN", "Target", uuid))
        .path("OnceTasks");
    assertThat(unfinished).hasSize(1);
    assertThat(unfinished.get(0).path("TaskId").asString()).isEqualTo(taskId);
    JsonNode leaf = c.call("DescribeOnceTaskLeafRecordPage", Map.of("CurrentPage", "1", "PageSize", "20",
        "RelateInfo", "true", "TaskType", "IMAGE_SCAN", "TaskId", taskId)).path("OnceTasks").get(0);
    for (JsonNode info : List.of(unfinished.get(0).path("TaskImageInfo"), leaf.path("TaskImageInfo"))) {
      // two running pods run nginx: the first by pod name is shown
      assertThat(info.path("ClusterId").asString()).isEqualTo(shopId);
      assertThat(info.path("ClusterName").asString()).isEqualTo("shop");
      assertThat(info.path("AppName").asString()).isEqualTo("web");
      assertThat(info.path("Pod").asString()).isEqualTo("web-7d4b9c8f6d-q8z7m");
      assertThat(info.path("NodeName").asString()).isEqualTo("node-2");
      assertThat(info.path("NodeIp").asString()).isEqualTo("192.168.49.3");
      assertThat(info.path("NodeInstanceId").asString()).isEqualTo("node-2");
      assertThat(info.path("Digest").asString()).isEqualTo(nginx);
      assertThat(info.path("RepoName").asString()).isEqualTo("nginx");
    }
  }
}
