package dev.drydock.server.inventory;

import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * Tuning of the registry sync, from Spring properties:
 * <ul>
 *   <li>{@code drydock.background.enabled} (true): run the scheduler at all (offline CLI commands turn it off);
 *   <li>{@code drydock.registry-sync.poll-interval} (PT30S): how often due syncs are looked for;
 *   <li>{@code drydock.registry-sync.threads} (2): syncs run at once by this process;
 *   <li>{@code drydock.registry-sync.lease} (PT5M): how long a claim lasts without renewal;
 *   <li>{@code drydock.registry-sync.page-size} (100): {@code n} of catalog and tag-list requests;
 *   <li>{@code drydock.registry-sync.max-attempts} (3) and {@code .backoff} (PT0.2S): retries of
 *       transient registry failures;
 *   <li>{@code drydock.registry-sync.connect-timeout} (PT10S), {@code .request-timeout} (PT60S).
 * </ul>
 */
public record SyncSettings(boolean enabled, Duration pollInterval, int threads, Duration lease, int pageSize,
    int maxAttempts, Duration backoff, Duration connectTimeout, Duration requestTimeout) {

  public static final SyncSettings DEFAULT = new SyncSettings(true, Duration.ofSeconds(30), 2, Duration.ofMinutes(5),
      100, 3, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));

  public SyncSettings {
    if (threads < 1 || pageSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("drydock.registry-sync: threads, page-size and max-attempts must be >= 1");
    }
    if (lease.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("drydock.registry-sync.lease must be at least 10 seconds");
    }
  }

  public static SyncSettings from(Environment env) {
    String p = "drydock.registry-sync.";
    SyncSettings d = DEFAULT;
    return new SyncSettings(
        env.getProperty("drydock.background.enabled", Boolean.class, d.enabled()),
        env.getProperty(p + "poll-interval", Duration.class, d.pollInterval()),
        env.getProperty(p + "threads", Integer.class, d.threads()),
        env.getProperty(p + "lease", Duration.class, d.lease()),
        env.getProperty(p + "page-size", Integer.class, d.pageSize()),
        env.getProperty(p + "max-attempts", Integer.class, d.maxAttempts()),
        env.getProperty(p + "backoff", Duration.class, d.backoff()),
        env.getProperty(p + "connect-timeout", Duration.class, d.connectTimeout()),
        env.getProperty(p + "request-timeout", Duration.class, d.requestTimeout()));
  }
}
