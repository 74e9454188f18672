package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.server.testing.Registries;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Shared fixture of the inventory operation ITs: Debian's real {@code docker-registry} on
 * loopback with images pushed by skopeo (two repositories sharing a digest, a namespace-less
 * repository, a nested path), registered through the official client and synced by the real
 * registry sync.
 *
 * <p>Scans are <em>simulated</em>: rows are inserted into {@code image_risk} and
 * {@code image_report} as a scan writes them (ScanTaskIT covers the real scan path), and running
 * containers are inserted into {@code workload_image} as the cluster watch writes them (one row per
 * container, digest in hex; ClusterScanIT covers the real watch). Everything else is real.
 */
abstract class InventoryFixture {

  static final String DOMAIN = "registry.inventory.test";

  static TestServer server;
  static RegistryProcess registry;
  static Path work;
  static long registryId;
  /** {@code path:tag} → manifest digest (hex) of every pushed tag. */
  static final Map<String, String> digests = new HashMap<>();
  static final Map<String, Long> sizes = new HashMap<>();
  static final Instant SCANNED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    work = Files.createTempDirectory("drydock-inventory-it");
    registry = RegistryProcess.anonymous();
    push("alpine 3.19", "alpine:3.19", "library/alpine:3.19");
    push("alpine 3.20", "alpine:3.20");
    push("app 1.0", "team/app:1.0");
    push("app 1.1", "team/app:1.1");
    push("app 2.0", "team/app:2.0", "team/app:latest");
    push("worker 1.0", "team/app-worker:1.0");
    push("tool", "team/sub/tool:latest");
    push("proxy 2", "other/nginx-proxy:2");
    Instant before = Instant.now().minusSeconds(1);
    registryId = Registries.add(server.adminClients().get(3), Map.of("DomainName", DOMAIN,
        "Port", String.valueOf(registry.port())));
    var row = Registries.awaitSync(server, registryId, before);
    assertThat(row.syncStatus()).as("sync error: %s", row.syncError()).isEqualTo("OK");
    simulateScan(digests.get("team/app:2.0"), 7, 2, 1);
    simulateScan(digests.get("alpine:3.19"), 3, 0, 0);
    workload("c1", "default", "web", digests.get("team/app:1.0"));
    workload("c1", "default", "worker", digests.get("team/app-worker:1.0"));
    workload("c2", "kube-system", "dns", digests.get("alpine:3.19"));
    workload("c2", "default", "web", digests.get("team/app:2.0"));
    workload("c1", "default", "pending", null);
  }

  @AfterAll
  static void stop() throws IOException {
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

  /** Pushes one image (marked by {@code marker}) under every {@code path:tag} given. */
  static void push(String marker, String... names) throws IOException {
    OciImageBuilder.BuiltImage img = OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("etc/marker", marker + "\n"))
        .writeTo(work.resolve(marker.replace(' ', '_')), "t");
    for (String name : names) {
      Skopeo.push(img.layout(), "t", registry, name, Skopeo.PushOptions.defaults());
      digests.put(name, img.manifestDigest().encoded());
      sizes.put(name, img.layers().stream().mapToLong(l -> l.descriptor().size()).sum());
    }
  }

  static JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  /** What a finished scan of the digest writes into image_risk and image_report. */
  static void simulateScan(String digest, int vul, int baseline, int suspicious) {
    OffsetDateTime at = OffsetDateTime.ofInstant(SCANNED_AT, ZoneOffset.UTC);
    jdbc().sql("""
            INSERT INTO image_risk (digest, vul, baseline_num, new_suspicious, scanned_at)
            VALUES (:d, :v, :b, :s, :t)""")
        .param("d", digest).param("v", vul).param("b", baseline).param("s", suspicious).param("t", at).update();
    jdbc().sql("""
            INSERT INTO image_report (digest, image_id, os, index_json, complete, diagnostics_json, scanners,
              advisory_db, scanned_at, matched_at)
            VALUES (:d, NULL, 'debian-12', '{}', TRUE, '[]', 'vuln,baseline,secret,malware', NULL, :t, :t)""")
        .param("d", digest).param("t", at).update();
  }

  /**
   * The row the cluster watch writes for the one container of pod {@code app-0} (WorkloadStore):
   * running its digest (hex), or waiting with none yet (image not pulled).
   */
  static void workload(String cluster, String namespace, String app, @Nullable String digest) {
    jdbc().sql("""
            INSERT INTO workload_image (cluster_id, namespace, app_name, pod, container, image, digest, pod_uid,
              init_container, image_host, image_path, image_tag, pod_ip, host_ip, node_name, pod_phase, container_state,
              state_reason, workload_kind, synced_at)
            VALUES (:c, :n, :a, :p, 'main', :i, :d, :uid, FALSE, :host, 'some/image', 'tag', '10.244.0.7', '192.168.49.2',
              'node-1', :phase, :state, :reason, 'Deployment', :now)""")
        .param("c", cluster).param("n", namespace).param("a", app).param("p", app + "-0")
        .param("i", DOMAIN + "/some/image:tag").param("d", digest).param("uid", cluster + "-" + namespace + "-" + app)
        .param("host", DOMAIN).param("phase", digest == null ? "Pending" : "Running")
        .param("state", digest == null ? "waiting" : "running").param("reason", digest == null ? "ContainerCreating" : null)
        .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
  }

  static Stream<SasClient> clients() {
    return server.adminClients().stream();
  }

  static SasClient tea() {
    return server.adminClients().get(3);
  }

  /** Every {@code path:tag} in the order the database pages them ({@code ORDER BY full_name, id}). */
  static List<String> pageOrder() {
    return jdbc().sql("SELECT full_name FROM image ORDER BY full_name, id").query(String.class).list();
  }

  /** The {@code RepoNamespace/RepoName:Tag} of each item of a list. */
  static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : list) {
      String ns = i.path("RepoNamespace").asString();
      out.add((ns.isEmpty() ? "" : ns + "/") + i.path("RepoName").asString() + ":" + i.path("Tag").asString());
    }
    return out;
  }

  static List<String> sorted(String... names) {
    return Stream.of(names).sorted().toList();
  }

  /** Asserts an InvalidParameter (or MissingParameter) error naming the parameter. */
  static void assertRefused(SasClient client, String action, Map<String, Object> query, String code, String param) {
    assertThatThrownBy(() -> client.call(action, query))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains(param);
        });
  }
}
