package dev.drydock.server.inventory.cluster;

import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * Tuning of the cluster watch, from Spring properties {@code drydock.cluster-sync.*}:
 * <ul>
 *   <li>{@code drydock.background.enabled} (true): watch at all (offline CLI commands turn it off);
 *   <li>{@code poll-interval} (PT15S): how often leases are renewed, states updated and unwatched
 *       clusters claimed;
 *   <li>{@code lease} (PT2M): how long a claim lasts without renewal (a dead process's clusters are
 *       taken over after it);
 *   <li>{@code max-clusters} (50): clusters one process watches at most;
 *   <li>{@code resync} (PT10M): full reconcile of the stored containers against the watch cache;
 *   <li>{@code flush-delay} (PT0.5S): how long pod events are gathered before one write;
 *   <li>{@code owner-ttl} (PT30M): how long a fetched owner (ReplicaSet → Deployment …) is reused;
 *   <li>{@code connect-timeout} (PT10S), {@code request-timeout} (PT30S), {@code request-retries}
 *       (2), {@code watch-reconnect-interval} (PT1S): the Kubernetes client's;
 *   <li>{@code probe-interval} (PT30S): how often a watched API server is asked for its version (a
 *       broken watch connection is otherwise not noticed);
 *   <li>{@code threads} (2): writer threads shared by all watched clusters.
 * </ul>
 */
public record ClusterSettings(boolean enabled, Duration pollInterval, Duration lease, int maxClusters, Duration resync,
    Duration flushDelay, Duration ownerTtl, Duration connectTimeout, Duration requestTimeout, int requestRetries,
    Duration watchReconnectInterval, Duration probeInterval, int threads) {

  public static final ClusterSettings DEFAULT = new ClusterSettings(true, Duration.ofSeconds(15), Duration.ofMinutes(2),
      50, Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofMinutes(30), Duration.ofSeconds(10),
      Duration.ofSeconds(30), 2, Duration.ofSeconds(1), Duration.ofSeconds(30), 2);

  public ClusterSettings {
    if (maxClusters < 0 || threads < 1 || requestRetries < 0) {
      throw new IllegalArgumentException("drydock.cluster-sync: max-clusters, threads and request-retries must be "
          + "positive");
    }
    if (lease.compareTo(pollInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("drydock.cluster-sync.lease must be at least twice the poll-interval");
    }
  }

  public static ClusterSettings from(Environment env) {
    String p = "drydock.cluster-sync.";
    ClusterSettings d = DEFAULT;
    return new ClusterSettings(
        env.getProperty("drydock.background.enabled", Boolean.class, d.enabled()),
        env.getProperty(p + "poll-interval", Duration.class, d.pollInterval()),
        env.getProperty(p + "lease", Duration.class, d.lease()),
        env.getProperty(p + "max-clusters", Integer.class, d.maxClusters()),
        env.getProperty(p + "resync", Duration.class, d.resync()),
        env.getProperty(p + "flush-delay", Duration.class, d.flushDelay()),
        env.getProperty(p + "owner-ttl", Duration.class, d.ownerTtl()),
        env.getProperty(p + "connect-timeout", Duration.class, d.connectTimeout()),
        env.getProperty(p + "request-timeout", Duration.class, d.requestTimeout()),
        env.getProperty(p + "request-retries", Integer.class, d.requestRetries()),
        env.getProperty(p + "watch-reconnect-interval", Duration.class, d.watchReconnectInterval()),
        env.getProperty(p + "probe-interval", Duration.class, d.probeInterval()),
        env.getProperty(p + "threads", Integer.class, d.threads()));
  }
}
