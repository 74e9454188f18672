package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.ImageFilter;
import dev.drydock.server.task.TaskCreator;
import dev.drydock.server.task.TaskRow;
import java.util.List;

/**
 * What the scan-task operations share (reference §1.2–§1.4): the nine comma-separated filters,
 * the {@code Data} block of PublicCreateImageScanTask and PublicSyncAndCreateImageScanTask, and
 * the errors of a refused create.
 */
final class ScanTaskFields {
  private ScanTaskFields() {}

  /**
   * The {@code Data} block: the task as it stands, every field of the seed always present.
   * {@code ExecTime} is when the first job started; before that (a task just created, or one whose
   * images all lie in unsupported regions and never start) it is the task's CollectTime, as the
   * seed's example shows them equal for a new task — ListUnfinishedOnceTask's StartTime reads the same.
   */
  public record TaskData(String taskId, int totalCount, int finishCount, long collectTime, long execTime,
      String status, int progress, String result, boolean canCreate) {

    static TaskData of(TaskRow t, boolean canCreate) {
      return new TaskData(t.taskId(), t.totalCount(), t.finishCount(), t.collectTime(), startedAt(t), t.status(),
          t.progress(), t.result(), canCreate);
    }
  }

  /** When the task started executing: its first job's start, else its CollectTime. */
  static long startedAt(TaskRow t) {
    return t.execTime() != null ? t.execTime() : t.collectTime();
  }

  public record Response(TaskData data) {}

  /**
   * RegistryTypes, RegionIds, InstanceIds, RepoNamespaces, RepoIds, RepoNames, Digests, Tags. A
   * RegistryTypes value outside the seed's acr, harbor, quay (and CI/CD, a type Drydock registers)
   * is InvalidParameter naming it.
   */
  static ImageFilter filter(Params p) {
    List<String> types = p.commaList("RegistryTypes");
    for (String t : types) {
      if (!RegistryFields.TYPES.contains(t)) {
        throw ApiException.invalid("RegistryTypes", "each value must be one of " + RegistryFields.TYPES + ", got \""
            + t + "\"");
      }
    }
    return new ImageFilter(types, p.commaList("RegionIds"), p.commaList("InstanceIds"),
        p.commaList("RepoNamespaces"), p.commaList("RepoIds"), p.commaList("RepoNames"), p.commaList("Digests"),
        p.commaList("Tags"));
  }

  /**
   * {@code SourceIp}: the caller's address the task records (at most 64 characters, as its
   * column), else the address the call came from.
   */
  static String sourceIp(Params p, String callerAddress) {
    return RegistryFields.optionalBounded(p, "SourceIp", 64).orElse(callerAddress);
  }

  /** The answer to a create: the task, or the documented error. */
  static Response answer(TaskCreator.Outcome outcome) {
    return switch (outcome) {
      case TaskCreator.Outcome.Created c -> new Response(TaskData.of(c.task(), c.canCreate()));
      case TaskCreator.Outcome.NothingMatched n -> throw new ApiException(ErrorCode.TASK_NUM_EMPTY,
          "Create task quantity is empty: no image in the inventory matches the filters.");
      case TaskCreator.Outcome.TooManyTasks t -> throw new ApiException(ErrorCode.TASK_LIMIT,
          "Too many unfinished image scan tasks: " + t.limit() + " are running; wait until one completes "
              + "(CanCreate says when another can be created).");
      case TaskCreator.Outcome.BeyondQuota q -> throw new ApiException(ErrorCode.BEYOND_QUOTA,
          "Please check the scan quota: the task needs " + q.needed() + " scan authorization(s), " + q.left()
              + " left in the current period (DescribeImageScanAuthCount).");
    };
  }
}
