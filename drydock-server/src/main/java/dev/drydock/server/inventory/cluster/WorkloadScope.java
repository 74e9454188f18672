package dev.drydock.server.inventory.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where images run, for the operations that filter or describe images by cluster: ListImageRisk's
 * ClusterId / Namespace / AppName ({@link #predicate}) and the cluster fields of a scan task's
 * TaskImageInfo ({@link #placement}).
 *
 * <p>An image is <em>in scope</em> when some container of a live pod runs its manifest digest in
 * the given cluster, namespace and application (each compared exactly; the ones not given match
 * anything). Images are matched by digest, so a registry image ({@code IN_SAS}) is selected when
 * the same digest runs, whatever tag or registry name the pod used.
 */
@Component
public class WorkloadScope {

  private final JdbcClient jdbc;

  public WorkloadScope(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A SQL condition on an {@code image} row aliased {@code alias}, selecting the images that run in
   * the scope, with its parameters added to {@code params} (names prefixed {@code ws_}); empty when
   * no scope parameter is given (no filter).
   */
  public static Optional<String> predicate(String alias, @Nullable String clusterId, @Nullable String namespace,
      @Nullable String appName, Map<String, Object> params) {
    List<String> where = new ArrayList<>();
    add(where, params, "cluster_id", "ws_cluster", clusterId);
    add(where, params, "namespace", "ws_namespace", namespace);
    add(where, params, "app_name", "ws_app", appName);
    if (where.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(alias + ".digest IN (SELECT w.digest FROM workload_image w WHERE w.digest IS NOT NULL AND "
        + String.join(" AND ", where) + ")");
  }

  private static void add(List<String> where, Map<String, Object> params, String column, String param,
      @Nullable String value) {
    if (value != null && !value.isBlank()) {
      where.add("w." + column + " = :" + param);
      params.put(param, value.trim());
    }
  }

  /** One place an image digest runs: the fields of TaskImageInfo (reference §1.5). */
  public record Placement(String appName, String clusterId, String clusterName, String namespace, String pod,
      @Nullable String nodeName, @Nullable String nodeIp) {}

  /** Where a digest runs (the first by cluster name, namespace, pod); empty when it runs nowhere. */
  public Optional<Placement> placement(String digest) {
    return jdbc.sql("""
            SELECT w.app_name, w.cluster_id, c.cluster_name, w.namespace, w.pod, w.node_name, w.host_ip
            FROM workload_image w JOIN k8s_cluster c ON c.cluster_id = w.cluster_id
            WHERE w.digest = :d ORDER BY c.cluster_name, w.namespace, w.pod, w.container LIMIT 1""")
        .param("d", digest)
        .query((rs, i) -> new Placement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7)))
        .optional();
  }
}
