package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.JobRow;
import dev.drydock.server.task.TaskStore;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeOnceTaskLeafRecordPage (reference §1.5, paging §1.16): the sub-tasks of scan tasks, one
 * per image, newest task first. Required: {@code CurrentPage}, {@code PageSize} (default 20, at
 * most 100), {@code RelateInfo} (true: each sub-task carries its TaskImageInfo, with
 * CostTimeInfo — the end time, epoch ms, of each engine: pull, sensitiveFile, baseline, binary,
 * vul, scaVul — and RegistryType), {@code TaskType} (IMAGE_SCAN; IMAGE_REGISTRY_PULL lists
 * nothing). Optional: {@code TaskId}, {@code Source}, {@code StartTime}/{@code EndTime} (epoch ms
 * bounds of the task's creation), {@code StatusList} (INIT, START, SUCCESS, FAIL; TIMEOUT matches
 * nothing). As in the SDK model, {@code FinishCount}, {@code TotalCount} and {@code Status} are
 * strings here. A failed sub-task's {@code ResultInfo} says why it failed.
 */
@Component
public class DescribeOnceTaskLeafRecordPage implements SasAction {

  private static final List<String> STATUSES = List.of("INIT", "START", "SUCCESS", "FAIL", "TIMEOUT");

  private final TaskStore store;

  public DescribeOnceTaskLeafRecordPage(TaskStore store) {
    this.store = store;
  }

  public record OnceTask(@Nullable Long endTime, int finish, String finishCount, int progress,
      @Nullable Long realRunTime, String resultInfo, @Nullable Long startTime, String status, String statusText,
      String target, String targetType, String taskId, OnceTaskFields.@Nullable TaskImageInfo taskImageInfo,
      String taskName, String taskType, String totalCount) {

    static OnceTask of(JobRow j, boolean relate) {
      Long run = j.startTime() != null && j.endTime() != null ? j.endTime() - j.startTime() : null;
      return new OnceTask(j.endTime(), j.ended() ? 1 : 0, j.ended() ? "1" : "0", OnceTaskFields.progress(j), run,
          OnceTaskFields.resultInfo(j), j.startTime(), String.valueOf(OnceTaskFields.statusCode(j.state())),
          j.state(), j.digest(), "IMAGE", j.jobId(), relate ? OnceTaskFields.TaskImageInfo.of(j, true) : null,
          OnceTaskFields.IMAGE_SCAN, OnceTaskFields.IMAGE_SCAN, "1");
    }
  }

  public record PageInfo(int count, int currentPage, int pageSize, long totalCount) {}

  public record Response(PageInfo pageInfo, List<OnceTask> onceTasks) {}

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("CurrentPage");
    params.required("PageSize");
    params.required("RelateInfo");
    params.required("TaskType");
    int page = params.currentPage();
    int size = params.pageSize(20, 100);
    boolean relate = params.bool("RelateInfo").orElseThrow();
    String type = params.oneOf("TaskType", List.of("IMAGE_SCAN", "IMAGE_REGISTRY_PULL")).orElseThrow();
    List<String> states = new ArrayList<>();
    List<String> asked = params.list("StatusList");
    for (int i = 0; i < asked.size(); i++) {
      if (!STATUSES.contains(asked.get(i))) {
        throw ApiException.invalid("StatusList." + (i + 1), "must be one of " + STATUSES);
      }
      if (!asked.get(i).equals("TIMEOUT")) {
        states.add(asked.get(i));
      }
    }
    if (!type.equals(OnceTaskFields.IMAGE_SCAN) || (!asked.isEmpty() && states.isEmpty())) {
      return new Response(new PageInfo(0, page, size, 0), List.of());
    }
    TaskStore.JobQuery q = new TaskStore.JobQuery(params.string("TaskId").orElse(null),
        params.string("Source").orElse(null), params.longValue("StartTime").orElse(null),
        params.longValue("EndTime").orElse(null), states);
    long total = store.countJobs(q);
    List<OnceTask> tasks = store.jobs(q, page, size).stream().map(j -> OnceTask.of(j, relate)).toList();
    return new Response(new PageInfo(tasks.size(), page, size, total), tasks);
  }
}
