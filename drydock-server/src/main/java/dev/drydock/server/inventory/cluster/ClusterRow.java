package dev.drydock.server.inventory.cluster;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registered cluster as the {@code k8s_cluster} table holds it. {@code credentialsEnc} is the
 * encrypted {@link ClusterAccess} JSON (null for in-cluster credentials); nothing answers it.
 */
public record ClusterRow(long id, String clusterId, String clusterName, String clusterType, String regionId,
    String authType, @Nullable String apiServer, @Nullable String credentialsEnc, @Nullable Long aliUid,
    String clusterState, @Nullable String stateError, @Nullable Instant stateChangedAt, @Nullable Instant lastSyncAt,
    @Nullable String watchOwner, Instant createdAt) {

  /** ClusterType values (reference §1.8). */
  public static final List<String> TYPES = List.of("Kubernetes", "ManagedKubernetes", "Ask");

  /** CusterState values Drydock uses (reference §1.8 lists also deleted, delete_failed). */
  public static final String STOPPED = "stopped";
  public static final String RUNNING = "running";
  public static final String FAILED = "failed";

  /** How the credentials were given. */
  public static final String AUTH_KUBECONFIG = "kubeconfig";
  public static final String AUTH_TOKEN = "token";
  public static final String AUTH_IN_CLUSTER = "in-cluster";

  /** The purpose the credentials are encrypted under ({@code SecretCipher}). */
  public static final String CREDENTIALS_PURPOSE = "cluster-credentials";
}
