package dev.drydock.server.api.sas;

import dev.drydock.server.task.JobRow;
import dev.drydock.server.task.TaskRow;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * What the scan-progress operations share (reference §1.5): the image block of a sub-task, and
 * how task and job states read on the wire.
 *
 * <p>States: a task is INIT until a job starts, then START (PRE_ANALYZER in the Data block), then
 * SUCCESS or FAIL; a job is INIT, START, SUCCESS or FAIL. {@code Status} numbers: INIT 0, START 1,
 * SUCCESS 2, FAIL 3. TIMEOUT is never reported: a job that stops responding is resumed by another
 * worker instead.
 */
final class OnceTaskFields {
  private OnceTaskFields() {}

  static final String IMAGE_SCAN = "IMAGE_SCAN";
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /**
   * TaskImageInfo. The cluster fields (AppName, ClusterId, ClusterName, Pod, NodeName, NodeIp,
   * NodeInstanceId — the node's name: Drydock knows no cloud instance ids) say where the digest ran
   * when the task was created; when several containers ran it, one of them (a running one first,
   * then by ClusterName, namespace, pod, container: {@code inventory.cluster.WorkloadPlacements}).
   * Empty strings when it ran in no registered cluster.
   */
  public record TaskImageInfo(String appName, String clusterId, String clusterName, @Nullable String costTimeInfo,
      String digest, String image, String nodeInstanceId, String nodeIp, String nodeName, String pod,
      String regionId, @Nullable String registryType, String repoId, String repoName, String repoNamespace,
      String repoRegionId, String tag) {

    static TaskImageInfo of(JobRow j, boolean withCost) {
      JobRow.ClusterInfo c = j.cluster();
      return new TaskImageInfo(s(c.appName()), s(c.clusterId()), s(c.clusterName()),
          withCost ? (j.costTimeInfo() == null ? "{}" : j.costTimeInfo()) : null, j.digest(), j.imageName(),
          s(c.nodeInstanceId()), s(c.nodeIp()), s(c.nodeName()), s(c.pod()), s(j.regionId()),
          withCost ? s(j.registryType()) : null, s(j.repoId()), s(j.repoName()), s(j.repoNamespace()),
          s(j.regionId()), s(j.tag()));
    }
  }

  static String s(@Nullable String v) {
    return v == null ? "" : v;
  }

  /** A task's StatusText: INIT, START, SUCCESS or FAIL. */
  static String taskStatusText(TaskRow t) {
    return t.status().equals(TaskRow.PRE_ANALYZER) ? "START" : t.status();
  }

  static int statusCode(String statusText) {
    return switch (statusText) {
      case "INIT" -> 0;
      case "START" -> 1;
      case "SUCCESS" -> 2;
      default -> 3;
    };
  }

  /**
   * A sub-task's ResultInfo: SUCCESS, TASK_NOT_SUPPORT_REGION, or why it failed; empty while it
   * runs. A scan that succeeded but could not analyse everything says so after its result —
   * {@code SUCCESS (incomplete: …)} naming what was left out — so that an incomplete report is
   * never mistaken for a complete one.
   */
  static String resultInfo(JobRow j) {
    if (!j.ended()) {
      return "";
    }
    if (j.state().equals(JobRow.FAIL) && JobRow.RESULT_FAILED.equals(j.result()) && j.error() != null) {
      return j.error();
    }
    if (j.state().equals(JobRow.SUCCESS) && j.error() != null) {
      return s(j.result()) + " (" + j.error() + ")";
    }
    return s(j.result());
  }

  /** A sub-task's progress: 0 waiting, 50 inventory stored, 100 ended. */
  static int progress(JobRow j) {
    if (j.ended()) {
      return 100;
    }
    return j.step().equals(JobRow.STEP_MATCH) ? 50 : 0;
  }
}
