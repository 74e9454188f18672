package dev.drydock.server.inventory.cluster;

import static dev.drydock.server.inventory.RegistryStore.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code workload_image} table: one row per container of each live pod of each cluster — the
 * only writer of it. Readers: ListImageRisk's ClusterId / Namespace / AppName filters
 * ({@code inventory.ImageFilters#workload}), scan tasks ({@link WorkloadPlacements}),
 * DescribeGroupedContainerInstances ({@link ContainerGroups}) and the
 * running-image inventory ({@link RunningImageInventory}).
 */
@Component
public class WorkloadStore {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TransactionTemplate tx;

  public WorkloadStore(JdbcClient jdbc, NamedParameterJdbcTemplate named, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.named = named;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * Replaces the rows of the given pods and removes those of the deleted ones, in one transaction
   * and only while {@code owner} still holds the cluster (the cluster row is locked first, so a
   * concurrent removal of the cluster either happens before — and this writes nothing — or after).
   * Returns false, having written nothing, when the cluster is gone or held by another process.
   */
  public boolean apply(String clusterId, String owner, Collection<PodRecord> pods, Collection<String> deletedUids,
      Instant now) {
    Boolean ok = tx.execute(s -> {
      int held = jdbc.sql("UPDATE k8s_cluster SET modified_at = modified_at WHERE cluster_id = :c AND watch_owner = :o")
          .param("c", clusterId).param("o", owner).update();
      if (held != 1) {
        return false;
      }
      List<String> uids = new ArrayList<>(deletedUids);
      pods.forEach(p -> uids.add(p.uid()));
      for (int i = 0; i < uids.size(); i += CHUNK) {
        jdbc.sql("DELETE FROM workload_image WHERE cluster_id = :c AND pod_uid IN (:u)").param("c", clusterId)
            .param("u", uids.subList(i, Math.min(uids.size(), i + CHUNK))).update();
      }
      List<MapSqlParameterSource> rows = new ArrayList<>();
      for (PodRecord p : pods) {
        for (PodRecord.Container c : p.containers()) {
          rows.add(row(clusterId, p, c, now));
        }
      }
      if (!rows.isEmpty()) {
        named.batchUpdate("""
            INSERT INTO workload_image (cluster_id, namespace, app_name, pod, container, image, digest, pod_uid,
              init_container, image_host, image_path, image_tag, image_id, pod_ip, host_ip, node_name, pod_phase,
              container_state, state_reason, workload_kind, pod_created_at, synced_at)
            VALUES (:cluster, :ns, :app, :pod, :container, :image, :digest, :uid, :init, :host, :path, :tag, :imageId,
              :podIp, :hostIp, :node, :phase, :state, :reason, :kind, :created, :now)""",
            rows.toArray(MapSqlParameterSource[]::new));
      }
      return true;
    });
    return Boolean.TRUE.equals(ok);
  }

  private static MapSqlParameterSource row(String clusterId, PodRecord p, PodRecord.Container c, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster", clusterId);
    m.put("ns", p.namespace());
    m.put("app", ClusterStore.truncate(p.appName(), 256));
    m.put("pod", p.name());
    m.put("container", c.name());
    m.put("image", ClusterStore.truncate(c.image(), 1024));
    m.put("digest", c.digest());
    m.put("uid", p.uid());
    m.put("init", c.init());
    m.put("host", c.imageHost());
    m.put("path", c.imagePath());
    m.put("tag", c.imageTag());
    m.put("imageId", c.imageId());
    m.put("podIp", p.podIp());
    m.put("hostIp", p.hostIp());
    m.put("node", p.nodeName());
    m.put("phase", p.phase());
    m.put("state", c.state());
    m.put("reason", c.reason() == null ? null : ClusterStore.truncate(c.reason(), 128));
    m.put("kind", p.workloadKind());
    m.put("created", p.createdAt() == null ? null : utc(p.createdAt()));
    m.put("now", utc(now));
    return new MapSqlParameterSource(m);
  }

  /** The uids of the pods stored for a cluster. */
  public Set<String> podUids(String clusterId) {
    return new HashSet<>(jdbc.sql("SELECT DISTINCT pod_uid FROM workload_image WHERE cluster_id = :c")
        .param("c", clusterId).query(String.class).list());
  }

  /**
   * Fills the digest of containers whose runtime reported only a config digest, from an inventory
   * image with that config ({@code image.image_id}); they stay without digest when none has it.
   */
  public int resolveImageIds(String clusterId) {
    return jdbc.sql("""
            UPDATE workload_image SET digest = (SELECT MIN(i.digest) FROM image i WHERE i.image_id = workload_image.image_id)
            WHERE cluster_id = :c AND digest IS NULL AND image_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM image i WHERE i.image_id = workload_image.image_id)""")
        .param("c", clusterId).update();
  }

  /** Records a completed full reconcile. */
  public void markSynced(String clusterId, String owner, Instant now) {
    jdbc.sql("UPDATE k8s_cluster SET last_sync_at = :now WHERE cluster_id = :c AND watch_owner = :o")
        .param("now", utc(now)).param("c", clusterId).param("o", owner).update();
  }
}
