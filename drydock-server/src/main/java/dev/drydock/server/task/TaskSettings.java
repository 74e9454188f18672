package dev.drydock.server.task;

import dev.drydock.scan.ScannerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * Tuning of scan tasks, from Spring properties (all under {@code drydock.scan.}):
 * <ul>
 *   <li>{@code workers} (2): jobs this process scans at once; 0 = this process scans nothing;
 *   <li>{@code poll-interval} (PT2S): how often claimable jobs are looked for;
 *   <li>{@code lease} (PT2M): how long a claim lasts without renewal (renewed every third of it);
 *   <li>{@code max-attempts} (5), {@code backoff} (PT2S, doubled per attempt, at most PT5M):
 *       retries of transient failures;
 *   <li>{@code max-unfinished-tasks} (10): the limit of PublicCreateImageScanTask;
 *   <li>{@code regions}: region ids images may be scanned in (default: the seed's table);
 *   <li>{@code quota.capacity} (1000000) and {@code quota.period} (P30D): scan authorizations;
 *   <li>{@code scanners} (vuln,baseline,secret,malware);
 *   <li>{@code advisory-db} ({@code DATA_DIR/advisories.db}), {@code cache-dir} ({@code DATA_DIR/cache});
 *   <li>{@code index-parallelism} (2): layers of one image read at once;
 *   <li>{@code connect-timeout} (PT10S), {@code request-timeout} (PT120S): registry requests;
 *   <li>{@code insecure-registries} (none): comma-separated {@code host[:port]} of registries that no
 *       registered registry serves and that running images ({@code NOT_IN_SAS}) are pulled from over
 *       plain HTTP instead of HTTPS (Docker's {@code insecure-registries});
 *   <li>{@code rematch.poll-interval} (PT30S), {@code rematch.batch} (500), {@code rematch.threads} (2);
 *   <li>{@code advisory-update.interval} (unset = off): scheduled {@code db update} inside the server.
 * </ul>
 * {@code drydock.background.enabled=false} turns workers and re-matching off altogether.
 */
public record TaskSettings(boolean background, int workers, Duration pollInterval, Duration lease, int maxAttempts,
    Duration backoff, int maxUnfinishedTasks, List<String> regions, long quotaCapacity, Duration quotaPeriod,
    Set<ScannerKind> scanners, Path advisoryDb, Path cacheDir, int indexParallelism, Duration connectTimeout,
    Duration requestTimeout, Duration rematchPollInterval, int rematchBatch, int rematchThreads,
    @Nullable Duration advisoryUpdateInterval, Set<String> insecureRegistries) {

  /** The regions of the PublicCreateImageScanTask page's table of regions that support image scanning. */
  public static final List<String> SEED_REGIONS = List.of("cn-hangzhou", "cn-shanghai", "cn-shenzhen", "cn-qingdao",
      "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-hongkong", "ap-northeast-1", "ap-southeast-5", "us-west-1",
      "us-east-1", "eu-central-1", "eu-west-1");

  public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  public TaskSettings {
    regions = List.copyOf(regions);
    scanners = Set.copyOf(scanners);
    insecureRegistries = insecureRegistries.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
        .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    if (workers < 0 || maxAttempts < 1 || maxUnfinishedTasks < 1 || indexParallelism < 1 || rematchBatch < 1
        || rematchThreads < 1 || quotaCapacity < 0) {
      throw new IllegalArgumentException("drydock.scan: workers >= 0; max-attempts, max-unfinished-tasks, "
          + "index-parallelism, rematch.batch, rematch.threads >= 1; quota.capacity >= 0");
    }
    if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("drydock.scan.lease must be at least 2 seconds");
    }
    if (quotaPeriod.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("drydock.scan.quota.period must be at least a minute");
    }
  }

  public static TaskSettings from(Environment env) {
    String p = "drydock.scan.";
    Path data = Path.of(env.getProperty("drydock.data-dir", "."));
    String regions = env.getProperty(p + "regions", "");
    return new TaskSettings(
        env.getProperty("drydock.background.enabled", Boolean.class, true),
        env.getProperty(p + "workers", Integer.class, 2),
        env.getProperty(p + "poll-interval", Duration.class, Duration.ofSeconds(2)),
        env.getProperty(p + "lease", Duration.class, Duration.ofMinutes(2)),
        env.getProperty(p + "max-attempts", Integer.class, 5),
        env.getProperty(p + "backoff", Duration.class, Duration.ofSeconds(2)),
        env.getProperty(p + "max-unfinished-tasks", Integer.class, 10),
        regions.isBlank() ? SEED_REGIONS
            : Arrays.stream(regions.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
        env.getProperty(p + "quota.capacity", Long.class, 1_000_000L),
        env.getProperty(p + "quota.period", Duration.class, Duration.ofDays(30)),
        ScannerKind.parse(env.getProperty(p + "scanners", "vuln,baseline,secret,malware")),
        Path.of(env.getProperty(p + "advisory-db", data.resolve("advisories.db").toString())),
        Path.of(env.getProperty(p + "cache-dir", data.resolve("cache").toString())),
        env.getProperty(p + "index-parallelism", Integer.class, 2),
        env.getProperty(p + "connect-timeout", Duration.class, Duration.ofSeconds(10)),
        env.getProperty(p + "request-timeout", Duration.class, Duration.ofSeconds(120)),
        env.getProperty(p + "rematch.poll-interval", Duration.class, Duration.ofSeconds(30)),
        env.getProperty(p + "rematch.batch", Integer.class, 500),
        env.getProperty(p + "rematch.threads", Integer.class, 2),
        env.getProperty(p + "advisory-update.interval", Duration.class),
        Set.copyOf(Arrays.asList(env.getProperty(p + "insecure-registries", "").split(","))));
  }

  public boolean supportsRegion(@Nullable String regionId) {
    return regionId != null && regions.contains(regionId);
  }

  /** The delay before attempt {@code attempt + 1} after {@code attempt} transient failures (1-based). */
  public Duration backoffAfter(int attempt) {
    Duration d = backoff;
    for (int i = 1; i < attempt && d.compareTo(MAX_BACKOFF) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
