package dev.drydock.server.task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the latest scan of each image digest stands, as DescribeImageInstances shows it
 * ({@code ScaStatus}, {@code ScaProgress}, {@code ScaResult}, reference §1.5/§1.9), from the most
 * recent job naming the digest: INIT (queued, 0), DOWNLOAD (being pulled and indexed, 10),
 * CVE_ANALYZER (inventory stored, being matched, 50), SUCCESS (100), FAIL (100; ScaResult
 * TASK_NOT_SUPPORT_REGION when the region does not support scanning).
 */
@Component
public class ImageScanStates {

  private final JdbcClient jdbc;

  public ImageScanStates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A digest's latest scan. */
  public record State(String scaStatus, int scaProgress, @Nullable String scaResult) {}

  /** The latest scan state of each digest that any task covered (others are absent). */
  public Map<String, State> latest(List<String> digests) {
    Map<String, State> out = new HashMap<>();
    if (digests.isEmpty()) {
      return out;
    }
    jdbc.sql("""
            SELECT j.digest, j.state, j.step, j.result FROM scan_job j
            WHERE j.digest IN (:d) AND j.id = (SELECT MAX(k.id) FROM scan_job k WHERE k.digest = j.digest)""")
        .param("d", digests.stream().distinct().toList())
        .query((rs, n) -> out.put(rs.getString(1), state(rs.getString(2), rs.getString(3), rs.getString(4))))
        .list();
    return out;
  }

  static State state(String jobState, String step, @Nullable String result) {
    return switch (jobState) {
      case JobRow.INIT -> new State("INIT", 0, null);
      case JobRow.START -> step.equals(JobRow.STEP_MATCH) ? new State("CVE_ANALYZER", 50, null)
          : new State("DOWNLOAD", 10, null);
      case JobRow.SUCCESS -> new State("SUCCESS", 100, null);
      default -> new State("FAIL", 100, TaskRow.NOT_SUPPORT_REGION.equals(result) ? result : null);
    };
  }
}
