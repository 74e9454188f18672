package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.JobRow;
import dev.drydock.server.task.TaskStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ListUnfinishedOnceTask (reference §1.5): the scan tasks not yet ended, oldest first.
 * {@code TaskType} (required): IMAGE_SCAN, or ASSETS_COLLECTION (Drydock runs no asset-collection
 * tasks: always an empty list). {@code Target}: an image UUID; only the tasks covering that image,
 * each with the image's {@code TaskImageInfo}. Progress is the percentage of the task's images
 * that ended; RealRunTime the milliseconds since its first job started.
 */
@Component
public class ListUnfinishedOnceTask implements SasAction {

  private final TaskStore store;
  private final Clock clock;

  public ListUnfinishedOnceTask(TaskStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public record OnceTask(@Nullable Long endTime, int finish, int finishCount, long progress,
      @Nullable Long realRunTime, String resultInfo, long startTime, int status, String statusText, String target,
      String targetType, String taskId, OnceTaskFields.@Nullable TaskImageInfo taskImageInfo, String taskName,
      String taskType, int totalCount) {}

  public record Response(List<OnceTask> onceTasks) {}

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("TaskType");
    String type = params.oneOf("TaskType", List.of("ASSETS_COLLECTION", "IMAGE_SCAN")).orElseThrow();
    if (!type.equals(OnceTaskFields.IMAGE_SCAN)) {
      return new Response(List.of());
    }
    String target = params.string("Target").orElse(null);
    long now = clock.millis();
    return new Response(store.unfinished(target).stream().map(t -> {
      Optional<JobRow> job = target == null ? Optional.empty() : store.job(t.pk(), target);
      String text = OnceTaskFields.taskStatusText(t);
      return new OnceTask(null, 0, t.finishCount(), t.progress(), t.execTime() == null ? null : now - t.execTime(),
          t.result(), ScanTaskFields.startedAt(t), OnceTaskFields.statusCode(text), text,
          target == null ? "" : target, "IMAGE", t.taskId(),
          job.map(j -> OnceTaskFields.TaskImageInfo.of(j, false)).orElse(null), OnceTaskFields.IMAGE_SCAN,
          OnceTaskFields.IMAGE_SCAN, t.totalCount());
    }).toList());
  }
}
