package dev.drydock.server.inventory.cluster;

import static dev.drydock.server.inventory.RegistryStore.utc;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which server process watches which cluster, coordinated through the {@code k8s_cluster} row as
 * {@code inventory.SyncClaims} does for registry syncs: a claim is one conditional UPDATE that
 * succeeds only when no unexpired lease is held, so of two racing processes exactly one gets the
 * cluster. A watch is long-lived: its holder renews the lease on every poll and gives it up when
 * it stops; a process that dies lets the lease run out, after which another process takes the
 * cluster over. Every write a holder makes about the cluster is conditional on still owning it.
 */
@Component
public class ClusterClaims {

  private final JdbcClient jdbc;

  public ClusterClaims(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Clusters nobody holds (no lease, or an expired one), oldest registration first. */
  public List<String> unclaimed(Instant now, int limit) {
    return jdbc.sql("""
            SELECT cluster_id FROM k8s_cluster
            WHERE watch_lease_until IS NULL OR watch_lease_until < :now
            ORDER BY id LIMIT :limit""")
        .param("now", utc(now)).param("limit", limit).query(String.class).list();
  }

  /** Takes the cluster for {@code owner} until {@code leaseUntil}; false when another process holds it. */
  public boolean claim(String clusterId, String owner, Instant now, Instant leaseUntil) {
    return jdbc.sql("""
            UPDATE k8s_cluster SET watch_owner = :owner, watch_lease_until = :until
            WHERE cluster_id = :c AND (watch_lease_until IS NULL OR watch_lease_until < :now)""")
        .param("owner", owner).param("until", utc(leaseUntil)).param("now", utc(now)).param("c", clusterId)
        .update() == 1;
  }

  /** Extends the lease; false when {@code owner} no longer holds the cluster (or it was removed). */
  public boolean renew(String clusterId, String owner, Instant leaseUntil) {
    return jdbc.sql("UPDATE k8s_cluster SET watch_lease_until = :until WHERE cluster_id = :c AND watch_owner = :owner")
        .param("until", utc(leaseUntil)).param("c", clusterId).param("owner", owner)
        .update() == 1;
  }

  /** Gives the cluster up: nobody watches it now (CusterState {@code stopped}) until it is claimed again. */
  public boolean release(String clusterId, String owner, Instant now) {
    return jdbc.sql("""
            UPDATE k8s_cluster SET watch_owner = NULL, watch_lease_until = NULL, cluster_state = 'stopped',
              state_changed_at = :now
            WHERE cluster_id = :c AND watch_owner = :owner""")
        .param("c", clusterId).param("owner", owner).param("now", utc(now)).update() == 1;
  }
}
