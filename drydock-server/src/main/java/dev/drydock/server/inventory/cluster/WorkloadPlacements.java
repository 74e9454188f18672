package dev.drydock.server.inventory.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where image digests run, for the cluster fields of a scan task's TaskImageInfo (reference §1.5:
 * AppName, ClusterId, ClusterName, Pod, NodeName, NodeIp, NodeInstanceId).
 *
 * <p>When several containers run a digest, one is shown: a running container before a waiting or
 * terminated one, then by ClusterName, namespace, pod name and container name — the same one on
 * every call while the pods stay.
 */
@Component
public class WorkloadPlacements {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;

  public WorkloadPlacements(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One place a digest runs.
   *
   * @param nodeIp the node's address ({@code status.hostIP})
   * @param nodeInstanceId Drydock knows no cloud instance ids: the node's name
   */
  public record Placement(String appName, String clusterId, String clusterName, String namespace, String pod,
      @Nullable String nodeName, @Nullable String nodeIp) {

    public @Nullable String nodeInstanceId() {
      return nodeName;
    }
  }

  /** The placement of each digest (hex) that runs somewhere; digests running nowhere are absent. */
  public Map<String, Placement> of(Collection<String> digests) {
    List<String> all = List.copyOf(digests);
    Map<String, Placement> out = new HashMap<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      jdbc.sql("""
              SELECT digest, app_name, cluster_id, cluster_name, namespace, pod, node_name, host_ip FROM (
                SELECT w.digest, w.app_name, w.cluster_id, c.cluster_name, w.namespace, w.pod, w.node_name, w.host_ip,
                  ROW_NUMBER() OVER (PARTITION BY w.digest ORDER BY
                    CASE WHEN w.container_state = 'running' THEN 0 ELSE 1 END, c.cluster_name, w.namespace, w.pod,
                    w.container) AS n
                FROM workload_image w JOIN k8s_cluster c ON c.cluster_id = w.cluster_id
                WHERE w.digest IN (:d)) p
              WHERE n = 1""")
          .param("d", new ArrayList<>(all.subList(i, Math.min(all.size(), i + CHUNK))))
          .query((rs, n) -> Map.entry(rs.getString(1), new Placement(rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))))
          .list().forEach(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }
}
