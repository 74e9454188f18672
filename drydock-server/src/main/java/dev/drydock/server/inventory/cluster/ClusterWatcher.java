package dev.drydock.server.inventory.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pods of one cluster (a fabric8 informer over all namespaces) and keeps its
 * {@code workload_image} rows equal to them.
 *
 * <p>Informer callbacks only record the pod's latest state (or its deletion) in a pending map;
 * a flush on the service's writer threads, {@code flush-delay} later, maps the gathered pods
 * (resolving owners through the API) and writes them in one transaction — unchanged pods are
 * skipped. A full reconcile runs when the informer's initial list is complete and every
 * {@code resync} after: every pod in the informer's cache is mapped again (owners re-read once
 * their cache entry expired), differences written, and stored pods the cache no longer holds
 * removed (pods deleted while nobody watched). Flushes and reconciles of one cluster never
 * overlap.
 *
 * <p>A list or watch failure (API server unreachable, credentials refused) marks the cluster
 * {@code failed} with the reason; the informer keeps retrying and the stored containers stay as
 * last known. The cluster is {@code running} again as soon as the watch works. Every write is
 * conditional on this process still holding the cluster ({@link WorkloadStore#apply}); when it
 * does not, the watcher reports itself {@link #lost()} and the service closes it.
 */
final class ClusterWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);

  /** What the watcher needs from the service. */
  record Services(WorkloadStore workloads, ClusterStore clusters, ScheduledExecutorService writers, Clock clock,
      ClusterSettings settings, String owner, Runnable inventoryChanged) {}

  private final String clusterId;
  private final KubernetesClient client;
  private final Services s;
  private final @Nullable String secret;
  private final OwnerResolver owners;
  private final Map<String, Optional<Pod>> pending = new LinkedHashMap<>();
  private final Map<String, PodRecord> written = new HashMap<>();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final Object writeLock = new Object();
  private volatile boolean closed;
  private volatile boolean lost;
  private volatile boolean synced;
  private volatile @Nullable String failure;
  private volatile @Nullable String recordedState;
  private volatile @Nullable String recordedReason;
  private volatile @Nullable SharedIndexInformer<Pod> informer;
  private volatile @Nullable ScheduledFuture<?> resync;
  private long probedAt;
  private boolean probeFailed;

  /** {@code secret}: a credential to scrub from any reason recorded (the bearer token). */
  ClusterWatcher(String clusterId, KubernetesClient client, @Nullable String secret, Services services) {
    this.clusterId = clusterId;
    this.client = client;
    this.s = services;
    this.secret = secret;
    this.owners = new OwnerResolver(KubernetesClients.ownerFetcher(client), services.clock(),
        services.settings().ownerTtl());
  }

  String clusterId() {
    return clusterId;
  }

  /** Starts the informer; returns at once (the initial list completes in the background). */
  void start() {
    synced = false;
    SharedIndexInformer<Pod> inf = client.pods().inAnyNamespace().runnableInformer(0);
    inf.exceptionHandler((started, t) -> {
      failed("listing or watching pods failed: ", t);
      return !closed;
    });
    inf.addEventHandler(new ResourceEventHandler<Pod>() {
      @Override
      public void onAdd(Pod pod) {
        event(pod, false);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        event(pod, false);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        event(pod, true);
      }
    });
    informer = inf;
    inf.start().whenComplete((v, t) -> {
      if (t == null && !closed && informer == inf) {
        s.writers().execute(this::initialSync);
      } else if (t != null && !closed) {
        failed("listing pods failed: ", t);
      }
    });
  }

  private void initialSync() {
    failure = null; // the list worked
    fullReconcile();
    long every = s.settings().resync().toMillis();
    ScheduledFuture<?> old = resync;
    if (old != null) {
      old.cancel(false);
    }
    resync = s.writers().scheduleWithFixedDelay(this::fullReconcile, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Asks the API server for its version at most every {@code probe-interval}: a watch connection
   * that broke is re-established by the client without telling the informer, so the probe is what
   * notices an unreachable API server. When the server answers again after a failure the informer
   * is started anew: its fresh list, not the resumed watch, tells which pods went away meanwhile.
   */
  void probe() {
    long now = System.nanoTime();
    if (closed || now - probedAt < s.settings().probeInterval().toNanos()) {
      return;
    }
    probedAt = now;
    try {
      client.getKubernetesVersion();
    } catch (RuntimeException e) {
      failed("the API server does not answer GET /version: ", e);
      probeFailed = true;
      return;
    }
    if (probeFailed && !closed) {
      LOG.info("cluster {}: the API server answers again; listing pods anew", clusterId);
      probeFailed = false;
      failure = null;
      SharedIndexInformer<Pod> old = informer;
      if (old != null) {
        old.stop();
      }
      start();
    }
  }

  private void event(Pod pod, boolean deleted) {
    if (pod.getMetadata() == null || pod.getMetadata().getUid() == null || closed) {
      return;
    }
    synchronized (pending) {
      pending.put(pod.getMetadata().getUid(), deleted ? Optional.empty() : Optional.of(pod));
    }
    if (synced && flushScheduled.compareAndSet(false, true)) {
      s.writers().schedule(this::flush, s.settings().flushDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Writes the pods gathered since the last flush. */
  void flush() {
    flushScheduled.set(false);
    synchronized (writeLock) {
      if (closed || lost) {
        return;
      }
      Map<String, Optional<Pod>> batch;
      synchronized (pending) {
        batch = new LinkedHashMap<>(pending);
        pending.clear();
      }
      if (batch.isEmpty()) {
        return;
      }
      List<PodRecord> upserts = new ArrayList<>();
      Set<String> deletes = new HashSet<>();
      batch.forEach((uid, pod) -> {
        Optional<PodRecord> r = pod.flatMap(this::map);
        if (r.isEmpty()) {
          if (written.containsKey(uid)) {
            deletes.add(uid);
          }
        } else if (!r.get().equals(written.get(uid))) {
          upserts.add(r.get());
        }
      });
      write(upserts, deletes);
    }
  }

  /** Maps every cached pod again and writes the differences, removing stored pods no longer there. */
  void fullReconcile() {
    SharedIndexInformer<Pod> inf = informer;
    if (inf == null) {
      return;
    }
    synchronized (writeLock) {
      if (closed || lost) {
        return;
      }
      try {
        synchronized (pending) {
          pending.clear(); // the cache already holds their latest state
        }
        Map<String, PodRecord> now = new HashMap<>();
        for (Pod p : inf.getStore().list()) {
          map(p).ifPresent(r -> now.put(r.uid(), r));
        }
        Set<String> deletes = new HashSet<>(s.workloads().podUids(clusterId));
        deletes.removeAll(now.keySet());
        List<PodRecord> upserts = now.values().stream().filter(r -> !r.equals(written.get(r.uid()))).toList();
        if (write(upserts, deletes)) {
          written.keySet().retainAll(now.keySet());
          s.workloads().resolveImageIds(clusterId);
          s.workloads().markSynced(clusterId, s.owner(), s.clock().instant());
          synced = true;
          LOG.info("cluster {} reconciled: {} pods, {} written, {} removed", clusterId, now.size(), upserts.size(),
              deletes.size());
        }
      } catch (RuntimeException e) {
        LOG.warn("cluster {}: reconcile failed: {}", clusterId, e.toString());
      }
    }
    if (synced && flushScheduled.compareAndSet(false, true)) {
      s.writers().execute(this::flush); // events that arrived during the reconcile
    }
  }

  private boolean write(List<PodRecord> upserts, Set<String> deletes) {
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return true;
    }
    if (!s.workloads().apply(clusterId, s.owner(), upserts, deletes, s.clock().instant())) {
      lost = true;
      return false;
    }
    upserts.forEach(r -> written.put(r.uid(), r));
    deletes.forEach(written::remove);
    s.inventoryChanged().run();
    return true;
  }

  private Optional<PodRecord> map(Pod pod) {
    var meta = pod.getMetadata();
    return PodMapper.map(pod, owners.top(meta.getNamespace(), meta.getOwnerReferences()));
  }

  private void failed(String context, Throwable t) {
    String reason = context + describe(t);
    if (secret != null && !secret.isEmpty()) {
      reason = reason.replace(secret, "******");
    }
    if (failure == null) {
      LOG.warn("cluster {}: cannot watch pods: {}", clusterId, reason);
    } else {
      LOG.debug("cluster {}: still cannot watch pods: {}", clusterId, reason);
    }
    failure = reason;
  }

  /**
   * One line for a failure: an HTTP answer's message (401 Unauthorized, 403 Forbidden …), else the
   * first cause that is not a wrapper, with its message when it has one (ConnectException …).
   */
  static String describe(Throwable t) {
    Throwable first = null;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof KubernetesClientException k && k.getCode() > 0) {
        return oneLine(k.getMessage(), k);
      }
      boolean wrapper = c instanceof java.util.concurrent.CompletionException
          || c instanceof java.util.concurrent.ExecutionException || c instanceof KubernetesClientException;
      if (!wrapper && first == null) {
        first = c;
      }
    }
    Throwable pick = first != null ? first : t;
    return oneLine(pick.getMessage() == null ? null : pick.getClass().getSimpleName() + ": " + pick.getMessage(), pick);
  }

  private static String oneLine(@Nullable String m, Throwable t) {
    return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ').strip();
  }

  /**
   * Records the CusterState the watch is in: {@code running} when it works, {@code failed} with
   * the reason when it does not; called by the service's poll. Writes only on change.
   */
  void recordState() {
    probe();
    SharedIndexInformer<Pod> inf = informer;
    String reason = failure;
    boolean watching = inf != null && inf.isWatching();
    String state = reason != null ? ClusterRow.FAILED : watching && synced ? ClusterRow.RUNNING : null;
    String error = state == null || state.equals(ClusterRow.RUNNING) ? null : reason;
    if (state == null || state.equals(recordedState) && java.util.Objects.equals(error, recordedReason)) {
      return;
    }
    if (!s.clusters().setState(clusterId, s.owner(), state, error, s.clock().instant())) {
      lost = true;
      return;
    }
    recordedState = state;
    recordedReason = error;
    if (state.equals(ClusterRow.RUNNING)) {
      failure = null;
    }
  }

  /** Whether this process lost the cluster (taken over, or removed): the service closes the watcher. */
  boolean lost() {
    return lost;
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> r = resync;
    if (r != null) {
      r.cancel(false);
    }
    SharedIndexInformer<Pod> inf = informer;
    if (inf != null) {
      inf.stop();
    }
    client.close();
  }
}
