package dev.drydock.server.inventory.cluster;

import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.inventory.RegistryRegions;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Registers and removes clusters: the one place both AddKubernetesCluster / DeleteKubernetesCluster
 * and {@code drydock cluster add|remove} go through. Credentials are encrypted
 * ({@link ClusterRow#CREDENTIALS_PURPOSE}) before they are stored and never returned. A new
 * cluster is watched by the next poll of a running server (at once when registered through this
 * server's API).
 */
@Component
public class ClusterRegistry {

  /** How the cluster is reached. */
  public sealed interface Credentials {
    /** From a kubeconfig (already reduced to one context's inline data). */
    record Kubeconfig(ClusterAccess access) implements Credentials {}

    /** An API server URL with a bearer token and, usually, its CA. */
    record Token(ClusterAccess access) implements Credentials {}

    /** The service account of the pod the server runs in. */
    record InCluster() implements Credentials {}
  }

  /** A cluster to register. */
  public record Registration(String clusterName, String clusterType, @Nullable String regionId,
      Credentials credentials, @Nullable Long aliUid) {}

  /** The sizes of {@code k8s_cluster.api_server} and {@code credentials_enc}. */
  static final int MAX_SERVER = 1024;
  static final int MAX_CREDENTIALS = 32768;

  private final ClusterStore store;
  private final ClusterWatchService watch;
  private final RunningImageInventory inventory;
  private final RegistryRegions regions;
  private final SecretCipher cipher;
  private final Clock clock;

  public ClusterRegistry(ClusterStore store, ClusterWatchService watch, RunningImageInventory inventory,
      RegistryRegions regions, SecretCipher cipher, Clock clock) {
    this.store = store;
    this.watch = watch;
    this.inventory = inventory;
    this.regions = regions;
    this.cipher = cipher;
    this.clock = clock;
  }

  /**
   * Validates and stores a registration; throws {@link InvalidRegistration} naming the field at
   * fault (ClusterName, ClusterType, RegionId; KubeConfig, ApiServerUrl or Token when the API
   * server URL or the credentials are too long to store).
   */
  public ClusterRow register(Registration r) {
    String name = r.clusterName().strip();
    if (name.isEmpty() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRegistration("ClusterName", "1 to 128 characters, no control characters");
    }
    if (!ClusterRow.TYPES.contains(r.clusterType())) {
      throw new InvalidRegistration("ClusterType", "must be one of " + ClusterRow.TYPES + ", got \""
          + r.clusterType() + "\"");
    }
    String region = r.regionId() == null || r.regionId().isBlank() ? regions.all().getFirst().regionId()
        : r.regionId();
    if (!regions.contains(region)) {
      throw new InvalidRegistration("RegionId", "unknown region \"" + region + "\" (ListImageRegistryRegion lists them)");
    }
    store.findByName(name).ifPresent(c -> {
      throw new InvalidRegistration("ClusterName", "a cluster named \"" + name + "\" is already registered (ClusterId "
          + c.clusterId() + ")");
    });
    ClusterStore.NewCluster row = switch (r.credentials()) {
      case Credentials.Kubeconfig k -> new ClusterStore.NewCluster(name, r.clusterType(), region,
          ClusterRow.AUTH_KUBECONFIG, server(k.access(), "KubeConfig"), encrypt(k.access(), "KubeConfig"), r.aliUid());
      case Credentials.Token t -> new ClusterStore.NewCluster(name, r.clusterType(), region, ClusterRow.AUTH_TOKEN,
          server(t.access(), "ApiServerUrl"), encrypt(t.access(), "Token"), r.aliUid());
      case Credentials.InCluster i -> new ClusterStore.NewCluster(name, r.clusterType(), region,
          ClusterRow.AUTH_IN_CLUSTER, null, null, r.aliUid());
    };
    ClusterRow inserted;
    try {
      inserted = store.insert(row, clock.instant());
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      throw new InvalidRegistration("ClusterName", "a cluster named \"" + name + "\" is already registered");
    }
    watch.wake();
    return inserted;
  }

  /** Removes a cluster with its containers and the running images only it ran; false when unknown. */
  public boolean remove(String clusterId) {
    boolean removed = store.delete(clusterId);
    if (removed) {
      inventory.reconcile(clock.instant());
      watch.wake();
    }
    return removed;
  }

  /** The API server URL, if it fits its column ({@value #MAX_SERVER} characters). */
  private static String server(ClusterAccess access, String field) {
    if (access.server().length() > MAX_SERVER) {
      throw new InvalidRegistration(field, "the API server URL is longer than " + MAX_SERVER + " characters");
    }
    return access.server();
  }

  /** The encrypted credentials, if they fit their column ({@value #MAX_CREDENTIALS} characters). */
  private String encrypt(ClusterAccess access, String field) {
    String enc = cipher.encrypt(ClusterRow.CREDENTIALS_PURPOSE, access.toJson());
    if (enc.length() > MAX_CREDENTIALS) {
      throw new InvalidRegistration(field, "the credentials (token, certificates and key) take more than "
          + MAX_CREDENTIALS * 3 / 4 + " bytes");
    }
    return enc;
  }

  /** A registration field that is not acceptable. */
  public static final class InvalidRegistration extends IllegalArgumentException {
    private final String field;

    public InvalidRegistration(String field, String why) {
      super(field + ": " + why);
      this.field = field;
    }

    public String field() {
      return field;
    }

    public String why() {
      return getMessage().substring(field.length() + 2);
    }
  }
}
