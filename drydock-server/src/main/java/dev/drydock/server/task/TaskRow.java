package dev.drydock.server.task;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A scan task as stored, with its job counts.
 *
 * @param finishCount jobs that ended (succeeded or failed)
 * @param status INIT (no job started yet), PRE_ANALYZER (scanning), SUCCESS or FAIL (every job ended)
 * @param result SUCCESS, or TASK_NOT_SUPPORT_REGION when some image lies in a region without scanning support
 */
public record TaskRow(long pk, String taskId, String source, String status, String result, int totalCount,
    int finishCount, long collectTime, @Nullable Long execTime, @Nullable Long finishTime, Instant createdAt,
    Instant modifiedAt) {

  public static final String INIT = "INIT";
  public static final String PRE_ANALYZER = "PRE_ANALYZER";
  public static final String SUCCESS = "SUCCESS";
  public static final String FAIL = "FAIL";
  public static final String NOT_SUPPORT_REGION = "TASK_NOT_SUPPORT_REGION";

  public boolean finished() {
    return status.equals(SUCCESS) || status.equals(FAIL);
  }

  /** Percent of jobs ended, 0–100. */
  public int progress() {
    return totalCount == 0 ? 100 : (int) (100L * finishCount / totalCount);
  }
}
