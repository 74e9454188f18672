package dev.drydock.server.inventory.cluster;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Follows a pod's {@code ownerReferences} to the top: Deployment via ReplicaSet, CronJob via Job,
 * StatefulSet and DaemonSet directly, and any other owner kind as far as the API lets Drydock read
 * it. At each step the controlling reference ({@code controller: true}) is taken, else the first;
 * references to a Node (the owner of static mirror pods) are not workloads and are ignored.
 *
 * <p>Owners are fetched through the API, each object at most once per {@code ttl} (owners rarely
 * change: a ReplicaSet keeps its Deployment for life); an owner that cannot be read (deleted,
 * forbidden, unreachable) ends the walk there and is asked again after at most a minute. Safe for
 * concurrent use.
 */
public final class OwnerResolver {

  /** Owner chains longer than this are cut (a cycle would otherwise never end). */
  static final int MAX_DEPTH = 8;
  private static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

  /** A workload: the kind and name of an owner. */
  public record Owner(String kind, String name) {}

  /** Reads one object's owner references. */
  public interface Fetcher {
    /**
     * The owner references of {@code kind/name} in {@code namespace}; empty when it does not
     * exist. Throws when it cannot be read.
     */
    Optional<List<OwnerReference>> owners(String namespace, String apiVersion, String kind, String name);
  }

  private record Key(String namespace, String apiVersion, String kind, String name) {}

  private record Cached(Optional<OwnerReference> parent, Instant until) {}

  private final Fetcher fetcher;
  private final Clock clock;
  private final Duration ttl;
  private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

  public OwnerResolver(Fetcher fetcher, Clock clock, Duration ttl) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The top owner of an object with these owner references; empty when nothing owns it. */
  public Optional<Owner> top(String namespace, @Nullable List<OwnerReference> refs) {
    Optional<OwnerReference> current = pick(refs);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    OwnerReference ref = current.get();
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      Optional<OwnerReference> parent = parentOf(namespace, ref);
      if (parent.isEmpty()) {
        break;
      }
      ref = parent.get();
    }
    return Optional.of(new Owner(ref.getKind(), ref.getName()));
  }

  /** How many owner objects are cached (for tests and metrics). */
  int cached() {
    return cache.size();
  }

  private Optional<OwnerReference> parentOf(String namespace, OwnerReference ref) {
    Key key = new Key(namespace, String.valueOf(ref.getApiVersion()), ref.getKind(), ref.getName());
    Instant now = clock.instant();
    Cached c = cache.get(key);
    if (c != null && c.until().isAfter(now)) {
      return c.parent();
    }
    Cached fresh;
    try {
      Optional<List<OwnerReference>> owners = fetcher.owners(namespace, key.apiVersion(), key.kind(), key.name());
      fresh = owners.isEmpty() ? new Cached(Optional.empty(), now.plus(min(ttl, RETRY_AFTER_FAILURE)))
          : new Cached(pick(owners.get()), now.plus(ttl));
    } catch (RuntimeException e) {
      fresh = new Cached(Optional.empty(), now.plus(min(ttl, RETRY_AFTER_FAILURE)));
    }
    cache.put(key, fresh);
    return fresh.parent();
  }

  private static Optional<OwnerReference> pick(@Nullable List<OwnerReference> refs) {
    if (refs == null) {
      return Optional.empty();
    }
    List<OwnerReference> usable = refs.stream()
        .filter(r -> r.getKind() != null && r.getName() != null && !r.getKind().equals("Node")).toList();
    return usable.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst()
        .or(() -> usable.stream().findFirst());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
