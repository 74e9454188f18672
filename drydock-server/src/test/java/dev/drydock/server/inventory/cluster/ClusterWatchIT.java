package dev.drydock.server.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.Await;
import dev.drydock.server.testing.MockCluster;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The pod watch end to end: a cluster registered through the official client (AddKubernetesCluster
 * with a kubeconfig in the form body) is watched by the server's own threads, its pods land in
 * {@code workload_image}, add / modify / delete events follow, running images no registry holds
 * enter the inventory as NOT_IN_SAS, an unreachable API server marks the cluster {@code failed}
 * while its last state stays, and the lease lets another process take the cluster over.
 *
 * <p>No real cluster runs on the test machines: the API server is fabric8's Kubernetes mock
 * server in CRUD mode ({@link MockCluster}), holding the kubernetes/shop fixtures.
 */
class ClusterWatchIT {

  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXNlcnZpY2UtYWNjb3VudA.sig";
  private static final Map<String, String> PROPERTIES = MockCluster.FAST_WATCH;

  static TestServer server;
  static MockCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    PROPERTIES.forEach(System::setProperty);
    server = TestServer.start();
    cluster = MockCluster.withFixtures("/testdata/kubernetes/shop/workloads.json", "/testdata/kubernetes/shop/pods.json");
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

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, condition);
  }


  static long count(String sql, Object... params) {
    var spec = jdbc().sql(sql);
    for (int i = 0; i < params.length; i++) {
      spec = spec.param(i + 1, params[i]);
    }
    return spec.query(Long.class).single();
  }

  static String state(String clusterId) {
    return jdbc().sql("SELECT cluster_state FROM k8s_cluster WHERE cluster_id = ?").param(1, clusterId)
        .query(String.class).single();
  }

  static Map<String, String> appNames(String clusterId) {
    return jdbc().sql("SELECT DISTINCT pod, app_name FROM workload_image WHERE cluster_id = ?").param(1, clusterId)
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void watchesPodsFollowsEventsSurvivesOutagesAndHandsOver() throws Exception {
    SasClient client = server.adminClients().get(4); // tea, V3 signature, POST
    JsonNode added = client.call("2018-12-03", "AddKubernetesCluster",
        Map.of("ClusterName", "shop", "ClusterType", "ManagedKubernetes"), Map.of("KubeConfig", cluster.kubeconfig(TOKEN)));
    assertThat(added.toString()).doesNotContain(TOKEN);
    String id = added.path("Data").path("ClusterId").asString();
    assertThat(id).matches("c[0-9a-f]{32}");
    assertThat(added.path("Data").path("AuthType").asString()).isEqualTo("kubeconfig");
    assertThat(jdbc().sql("SELECT credentials_enc FROM k8s_cluster WHERE cluster_id = ?").param(1, id)
        .query(String.class).single()).startsWith("v1:").doesNotContain(TOKEN);

    // initial list: 8 live pods (the Succeeded Job pod is left out), 10 containers
    await("the initial sync", () -> count("SELECT COUNT(*) FROM workload_image WHERE cluster_id = ?", id) == 10);
    await("state running", () -> state(id).equals("running"));
    assertThat(appNames(id)).containsEntry("web-7d4b9c8f6d-x2k9p", "web").containsEntry("db-0", "db")
        .containsEntry("node-exporter-abcde", "node-exporter").containsEntry("report-28473920-7x8vw", "report")
        .containsEntry("debug-shell", "toolbox").containsEntry("orphan-pod", "orphan-pod")
        .containsEntry("kube-apiserver-node-1", "kube-apiserver-node-1").hasSize(8);
    assertThat(count("SELECT COUNT(*) FROM workload_image WHERE init_container = TRUE")).isEqualTo(2);
    assertThat(jdbc().sql("""
            SELECT container_state || '/' || state_reason || '/' || COALESCE(digest, '-') FROM workload_image
            WHERE pod = 'debug-shell'""").query(String.class).single()).isEqualTo("waiting/CrashLoopBackOff/-");
    assertThat(jdbc().sql("SELECT workload_kind FROM workload_image WHERE pod = 'report-28473920-7x8vw'")
        .query(String.class).single()).isEqualTo("CronJob");

    // NOT_IN_SAS: the six running digests no registry holds (node-exporter: config digest only; busybox: none yet)
    await("the running-image inventory", () -> count("SELECT COUNT(*) FROM image WHERE access_type = 'NOT_IN_SAS'") == 6);
    assertThat(jdbc().sql("""
            SELECT r.image_host || ' ' || r.repo_namespace || '/' || r.repo_name || ':' || i.tag FROM image i
            JOIN image_repo r ON r.id = i.repo_pk WHERE r.registry_id IS NULL ORDER BY 1""").query(String.class).list())
        .containsExactly("docker.io library/alpine:3.19", "docker.io library/nginx:1.25.3",
            "docker.io library/postgres:sha256:" + digestOf("db-0"), "registry.example.test shop/migrate:2.1",
            "registry.example.test shop/report:latest", "registry.k8s.io /kube-apiserver:v1.29.0");

    // modify: a new digest for orphan-pod's alpine:3.19
    String newDigest = "b".repeat(64);
    Pod orphan = cluster.client().pods().inNamespace("shop").withName("orphan-pod").get();
    orphan.getStatus().getContainerStatuses().getFirst().setImageID("docker.io/library/alpine@sha256:" + newDigest);
    cluster.client().pods().inNamespace("shop").resource(orphan).updateStatus();
    await("the modified pod", () -> count("SELECT COUNT(*) FROM workload_image WHERE pod = 'orphan-pod' AND digest = ?",
        newDigest) == 1);
    await("the inventory to follow", () -> count("SELECT COUNT(*) FROM image WHERE full_name = 'library/alpine:3.19' "
        + "AND digest = ?", newDigest) == 1);

    // add
    Pod extra = cluster.client().pods().inNamespace("shop").withName("web-7d4b9c8f6d-x2k9p").get();
    extra.getMetadata().setName("web-7d4b9c8f6d-n3w4p");
    extra.getMetadata().setUid(null);
    extra.getMetadata().setResourceVersion(null);
    cluster.create(List.of(extra));
    await("the added pod", () -> count("SELECT COUNT(*) FROM workload_image WHERE pod = 'web-7d4b9c8f6d-n3w4p'") == 2);

    // delete: db-0 and, with it, the only container running postgres
    cluster.client().pods().inNamespace("shop").withName("db-0").delete();
    await("the deleted pod", () -> count("SELECT COUNT(*) FROM workload_image WHERE pod = 'db-0'") == 0);
    await("postgres out of the inventory", () -> count("SELECT COUNT(*) FROM image WHERE full_name LIKE 'library/postgres%'") == 0);
    long rows = count("SELECT COUNT(*) FROM workload_image WHERE cluster_id = ?", id);
    assertThat(rows).isEqualTo(11);

    // unreachable: marked failed, last state kept
    cluster.stop();
    await("state failed", () -> state(id).equals("failed"));
    String error = jdbc().sql("SELECT state_error FROM k8s_cluster WHERE cluster_id = ?").param(1, id)
        .query(String.class).single();
    assertThat(error).isNotBlank().doesNotContain(TOKEN);
    Thread.sleep(1000);
    assertThat(count("SELECT COUNT(*) FROM workload_image WHERE cluster_id = ?", id)).isEqualTo(rows);
    JsonNode listed = client.call("ListKubernetesClusters", Map.of());
    assertThat(listed.toString()).doesNotContain(TOKEN);
    assertThat(listed.path("Clusters").get(0).path("CusterState").asString()).isEqualTo("failed");
    assertThat(listed.path("Clusters").get(0).path("ContainerCount").asLong()).isEqualTo(rows);

    // reachable again: running, and what changed meanwhile is reconciled
    cluster.restart();
    cluster.client().pods().inNamespace("shop").withName("debug-shell").delete();
    await("state running again", () -> state(id).equals("running"));
    await("the pod deleted during the outage", () -> count("SELECT COUNT(*) FROM workload_image WHERE pod = 'debug-shell'") == 0);

    // another process takes the cluster over: this one stops watching; when that lease runs out it claims it back
    ClusterWatchService watch = server.bean(ClusterWatchService.class);
    assertThat(watch.watching()).contains(id);
    jdbc().sql("UPDATE k8s_cluster SET watch_owner = 'other-process', watch_lease_until = ? WHERE cluster_id = ?")
        .param(1, java.time.OffsetDateTime.now().plusSeconds(2)).param(2, id).update();
    await("this process to let go", () -> !watch.watching().contains(id));
    await("this process to take it back", () -> watch.watching().contains(id));
    await("running under this process", () -> state(id).equals("running") && watch.owner().equals(
        jdbc().sql("SELECT watch_owner FROM k8s_cluster WHERE cluster_id = ?").param(1, id).query(String.class).single()));

    // removal: containers and the NOT_IN_SAS images only it ran are gone
    assertThat(client.call("DeleteKubernetesCluster", Map.of("ClusterId", id)).path("Data").asBoolean()).isTrue();
    assertThat(client.call("DeleteKubernetesCluster", Map.of("ClusterId", id)).path("Data").asBoolean()).isFalse();
    assertThat(count("SELECT COUNT(*) FROM workload_image")).isZero();
    assertThat(count("SELECT COUNT(*) FROM image WHERE access_type = 'NOT_IN_SAS'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM image_repo WHERE registry_id IS NULL")).isZero();
    await("the watch to stop", () -> !watch.watching().contains(id));
    Thread.sleep(500);
    assertThat(count("SELECT COUNT(*) FROM workload_image")).isZero();
  }

  /** The digest the fixture pod's first container runs. */
  static String digestOf(String pod) {
    return jdbc().sql("SELECT digest FROM workload_image WHERE pod = ? AND init_container = FALSE").param(1, pod)
        .query(String.class).list().getFirst();
  }
}
