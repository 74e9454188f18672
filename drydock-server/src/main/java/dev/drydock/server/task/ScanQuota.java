package dev.drydock.server.task;

import static dev.drydock.server.task.Sql.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The scan-authorization quota (DescribeImageScanAuthCount, BeyondQuata).
 *
 * <p><b>Rule.</b> Time is cut into consecutive periods of {@code drydock.scan.quota.period}
 * (default 30 days) counted from the Unix epoch. Within a period, each distinct image digest a
 * task scans consumes one authorization, when the task is created; scanning the same digest again
 * in the same period (another tag, another task) is free. A task whose new digests would take the
 * period's consumption past {@code drydock.scan.quota.capacity} is refused whole with BeyondQuata.
 * Images not scanned (regions without scanning support) consume nothing.
 */
@Component
public class ScanQuota {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TaskSettings settings;

  public ScanQuota(JdbcClient jdbc, Clock clock, Environment env) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = TaskSettings.from(env);
  }

  public long capacity() {
    return settings.quotaCapacity();
  }

  /** The start (epoch ms) of the period {@code now} falls in. */
  public long periodStart(Instant now) {
    long p = settings.quotaPeriod().toMillis();
    return Math.floorDiv(now.toEpochMilli(), p) * p;
  }

  /** Authorizations consumed in the current period. */
  public long used() {
    return jdbc.sql("SELECT COUNT(*) FROM scan_authorization WHERE period_start = :p")
        .param("p", periodStart(clock.instant())).query(Long.class).single();
  }

  /** The digests among {@code digests} that have not consumed an authorization in the current period. */
  public Set<String> unauthorized(Collection<String> digests) {
    Set<String> out = new HashSet<>(digests);
    if (out.isEmpty()) {
      return out;
    }
    long period = periodStart(clock.instant());
    List<String> all = new ArrayList<>(out);
    for (int i = 0; i < all.size(); i += 500) {
      jdbc.sql("SELECT digest FROM scan_authorization WHERE period_start = :p AND digest IN (:d)")
          .param("p", period).param("d", all.subList(i, Math.min(all.size(), i + 500)))
          .query(String.class).list().forEach(out::remove);
    }
    return out;
  }

  /** Records the consumption of {@code digests} (not yet authorized in this period) by a task. */
  public void consume(Collection<String> digests, String taskId, Instant now) {
    long period = periodStart(now);
    for (String d : digests) {
      jdbc.sql("INSERT INTO scan_authorization (period_start, digest, task_id, consumed_at) VALUES (:p, :d, :t, :now)")
          .param("p", period).param("d", d).param("t", taskId).param("now", utc(now)).update();
    }
  }
}
