package dev.drydock.server.inventory.cluster;

import static dev.drydock.server.inventory.RegistryStore.instant;
import static dev.drydock.server.inventory.RegistryStore.utc;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code k8s_cluster} table: registrations, their CusterState and the containers count.
 * Credentials arrive and leave encrypted; watch claims live in {@link ClusterClaims}.
 */
@Component
public class ClusterStore {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = """
      id, cluster_id, cluster_name, cluster_type, region_id, auth_type, api_server, credentials_enc, ali_uid,
      cluster_state, state_error, state_changed_at, last_sync_at, watch_owner, created_at""";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public ClusterStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
  }

  /** A registration to insert; {@code credentialsEnc} already encrypted (null for in-cluster). */
  public record NewCluster(String clusterName, String clusterType, String regionId, String authType,
      @Nullable String apiServer, @Nullable String credentialsEnc, @Nullable Long aliUid) {}

  /** Inserts a registration under a new ClusterId ({@code c} + 32 hex digits) and returns it. */
  public ClusterRow insert(NewCluster c, Instant now) {
    byte[] r = new byte[16];
    RANDOM.nextBytes(r);
    String clusterId = "c" + HexFormat.of().formatHex(r);
    jdbc.sql("""
            INSERT INTO k8s_cluster (cluster_id, cluster_name, cluster_type, region_id, auth_type, api_server,
              credentials_enc, ali_uid, cluster_state, state_changed_at, created_at, modified_at)
            VALUES (:id, :name, :type, :region, :auth, :server, :cred, :uid, 'stopped', :now, :now, :now)""")
        .param("id", clusterId).param("name", c.clusterName()).param("type", c.clusterType())
        .param("region", c.regionId()).param("auth", c.authType()).param("server", c.apiServer())
        .param("cred", c.credentialsEnc()).param("uid", c.aliUid()).param("now", utc(now))
        .update();
    return find(clusterId).orElseThrow();
  }

  public Optional<ClusterRow> find(String clusterId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM k8s_cluster WHERE cluster_id = :id").param("id", clusterId)
        .query(ClusterStore::row).optional();
  }

  public Optional<ClusterRow> findByName(String clusterName) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM k8s_cluster WHERE cluster_name = :n").param("n", clusterName)
        .query(ClusterStore::row).optional();
  }

  public List<ClusterRow> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM k8s_cluster ORDER BY cluster_name").query(ClusterStore::row).list();
  }

  /** How many containers the cluster's last known state holds. */
  public long containers(String clusterId) {
    return jdbc.sql("SELECT COUNT(*) FROM workload_image WHERE cluster_id = :c").param("c", clusterId)
        .query(Long.class).single();
  }

  /** Removes a registration and its containers; false when there is no such cluster. */
  public boolean delete(String clusterId) {
    Boolean deleted = tx.execute(s -> {
      int n = jdbc.sql("DELETE FROM k8s_cluster WHERE cluster_id = :c").param("c", clusterId).update();
      jdbc.sql("DELETE FROM workload_image WHERE cluster_id = :c").param("c", clusterId).update();
      return n == 1;
    });
    return Boolean.TRUE.equals(deleted);
  }

  /**
   * Records the CusterState seen by the process watching the cluster; no-op (false) when
   * {@code owner} no longer holds it. The change time moves only when the state changes.
   */
  public boolean setState(String clusterId, String owner, String state, @Nullable String error, Instant now) {
    return jdbc.sql("""
            UPDATE k8s_cluster SET state_error = :error,
              state_changed_at = CASE WHEN cluster_state = :state THEN state_changed_at ELSE :now END,
              cluster_state = :state
            WHERE cluster_id = :c AND watch_owner = :owner""")
        .param("state", state).param("error", error == null ? null : truncate(error, 2000)).param("now", utc(now))
        .param("c", clusterId).param("owner", owner)
        .update() == 1;
  }

  static ClusterRow row(ResultSet rs, int i) throws SQLException {
    return new ClusterRow(rs.getLong("id"), rs.getString("cluster_id"), rs.getString("cluster_name"),
        rs.getString("cluster_type"), rs.getString("region_id"), rs.getString("auth_type"), rs.getString("api_server"),
        rs.getString("credentials_enc"), rs.getObject("ali_uid", Long.class), rs.getString("cluster_state"),
        rs.getString("state_error"), instant(rs, "state_changed_at"), instant(rs, "last_sync_at"),
        rs.getString("watch_owner"), java.util.Objects.requireNonNull(instant(rs, "created_at")));
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
