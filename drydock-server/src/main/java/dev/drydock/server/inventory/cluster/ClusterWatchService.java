package dev.drydock.server.inventory.cluster;

import static dev.drydock.server.config.Processes.daemonThreads;

import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.config.Processes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Watches registered clusters on server-owned threads: a poll every {@code poll-interval} (and at
 * once when woken by a registration) renews the leases of the clusters this process watches,
 * records their CusterState, closes watchers of clusters it lost (removed, or taken over after a
 * missed renewal) and claims unwatched clusters ({@link ClusterClaims}) up to
 * {@code max-clusters}, so several server processes sharing the database never watch one cluster
 * twice and a dead process's clusters are taken over when its leases run out.
 *
 * <p>Threads: one poller, {@code threads} writer threads shared by all watchers (flushes, full
 * reconciles, the running-image inventory), and a cached pool for the informers' callbacks, all
 * daemon threads owned by this service and stopped with it. Credentials are decrypted only to
 * build a cluster's client; reasons recorded or logged never carry the token.
 */
@Component
public class ClusterWatchService implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatchService.class);

  private final ClusterStore clusters;
  private final ClusterClaims claims;
  private final WorkloadStore workloads;
  private final RunningImageInventory inventory;
  private final SecretCipher cipher;
  private final Clock clock;
  private final ClusterSettings settings;
  private final String owner = Processes.ownerId();
  private final Map<String, ClusterWatcher> watchers = new ConcurrentHashMap<>();
  private final AtomicBoolean inventoryScheduled = new AtomicBoolean();
  private volatile @Nullable ScheduledExecutorService poller;
  private volatile @Nullable ScheduledExecutorService writers;
  private volatile @Nullable ExecutorService callbacks;

  public ClusterWatchService(ClusterStore clusters, ClusterClaims claims, WorkloadStore workloads,
      RunningImageInventory inventory, SecretCipher cipher, Clock clock, Environment env) {
    this.clusters = clusters;
    this.claims = claims;
    this.workloads = workloads;
    this.inventory = inventory;
    this.cipher = cipher;
    this.clock = clock;
    this.settings = ClusterSettings.from(env);
  }

  /** The identity this process claims clusters under. */
  public String owner() {
    return owner;
  }

  /** The ClusterIds this process watches now. */
  public Set<String> watching() {
    return new TreeSet<>(watchers.keySet());
  }

  /** Looks for work now (a cluster was registered or removed); returns at once. */
  public void wake() {
    Processes.wake(poller, this::poll);
  }

  /** Renews, records states, drops lost clusters and claims free ones. */
  void poll() {
    try {
      Instant now = clock.instant();
      for (ClusterWatcher w : List.copyOf(watchers.values())) {
        if (w.lost() || !claims.renew(w.clusterId(), owner, now.plus(settings.lease()))) {
          LOG.info("cluster {}: no longer watched by this process (removed or taken over)", w.clusterId());
          stopWatching(w, false);
        } else {
          w.recordState();
        }
      }
      int free = settings.maxClusters() - watchers.size();
      if (free > 0) {
        for (String id : claims.unclaimed(now, free)) {
          if (!watchers.containsKey(id) && claims.claim(id, owner, now, now.plus(settings.lease()))) {
            startWatching(id);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("cluster watch poll failed: {}", e.toString());
    }
  }

  private void startWatching(String clusterId) {
    Optional<ClusterRow> row = clusters.find(clusterId);
    ScheduledExecutorService w = writers;
    ExecutorService cb = callbacks;
    if (row.isEmpty() || w == null || cb == null) {
      return;
    }
    String token = null;
    try {
      KubernetesClient client;
      if (row.get().authType().equals(ClusterRow.AUTH_IN_CLUSTER)) {
        client = KubernetesClients.openInCluster(cb, settings);
      } else {
        ClusterAccess access = ClusterAccess.fromJson(cipher.decrypt(ClusterRow.CREDENTIALS_PURPOSE,
            java.util.Objects.requireNonNull(row.get().credentialsEnc(), "stored credentials")));
        token = access.token();
        client = KubernetesClients.open(access, cb, settings);
      }
      ClusterWatcher watcher = new ClusterWatcher(clusterId, client, token, new ClusterWatcher.Services(workloads,
          clusters, w, clock, settings, owner, this::inventoryChanged));
      watchers.put(clusterId, watcher);
      watcher.start();
      LOG.info("cluster {} ({}): watching pods", clusterId, row.get().clusterName());
    } catch (RuntimeException e) {
      String reason = ClusterWatcher.describe(e);
      if (token != null) {
        reason = reason.replace(token, "******");
      }
      LOG.warn("cluster {}: cannot connect: {}", clusterId, reason);
      clusters.setState(clusterId, owner, ClusterRow.FAILED, reason, clock.instant());
      ClusterWatcher stale = watchers.remove(clusterId);
      if (stale != null) {
        stale.close();
      }
    }
  }

  private void stopWatching(ClusterWatcher w, boolean release) {
    watchers.remove(w.clusterId(), w);
    try {
      w.close();
    } catch (RuntimeException e) {
      LOG.debug("cluster {}: close: {}", w.clusterId(), e.toString());
    }
    if (release) {
      try {
        claims.release(w.clusterId(), owner, clock.instant());
      } catch (RuntimeException e) {
        // its lease runs out instead; the other clusters are still given back and the threads stopped
        LOG.warn("cluster {}: cannot give back its claim: {}", w.clusterId(), e.toString());
      }
    }
  }

  /** Re-derives the NOT_IN_SAS inventory soon (several changes in a row cause one run). */
  void inventoryChanged() {
    ScheduledExecutorService w = writers;
    if (w == null || w.isShutdown() || !inventoryScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      w.schedule(() -> {
        inventoryScheduled.set(false);
        try {
          inventory.reconcile(clock.instant());
        } catch (RuntimeException e) {
          LOG.warn("running-image inventory reconcile failed: {}", e.toString());
        }
      }, settings.flushDelay().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      inventoryScheduled.set(false);
    }
  }

  // ---- lifecycle ----

  @Override
  public void start() {
    if (!settings.enabled() || poller != null) {
      return;
    }
    writers = Executors.newScheduledThreadPool(settings.threads(), daemonThreads("cluster-sync-"));
    callbacks = Executors.newCachedThreadPool(daemonThreads("cluster-watch-"));
    ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(daemonThreads("cluster-poller-"));
    poller = p;
    p.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService p = poller;
    if (p == null) {
      return;
    }
    p.shutdownNow();
    try {
      p.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ClusterWatcher w : List.copyOf(watchers.values())) {
      stopWatching(w, true);
    }
    for (ExecutorService e : new ExecutorService[] {writers, callbacks}) {
      if (e != null) {
        e.shutdownNow();
      }
    }
    poller = null;
    writers = null;
    callbacks = null;
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }
}
