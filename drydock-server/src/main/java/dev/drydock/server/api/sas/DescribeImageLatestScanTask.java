package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.ImageFilter;
import dev.drydock.server.task.JobRow;
import dev.drydock.server.task.TaskRow;
import dev.drydock.server.task.TaskStore;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageLatestScanTask (reference §1.5): the most recent scan task that covers the image
 * {@code Digest} (required; {@code sha256:} optional), as a one-element {@code Task} list (empty
 * when no task ever covered it). {@code Status} is the image's own: START (waiting), PROCESSING,
 * SUCCESS or FAIL; {@code Finish} counts the task's images that ended; times are epoch ms, Create
 * and Modified {@code yyyy-MM-dd HH:mm:ss} UTC; {@code Id} is the task's number.
 */
@Component
public class DescribeImageLatestScanTask implements SasAction {

  private final TaskStore store;

  public DescribeImageLatestScanTask(TaskStore store) {
    this.store = store;
  }

  public record Task(String create, int finish, @Nullable Long finishTime, long id, String modified, String name,
      String source, @Nullable Long startTime, String status, String target, String targetType, String taskId,
      String taskType) {}

  public record Response(List<Task> task) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String digest = ImageFilter.normalizeDigest(params.required("Digest"));
    return new Response(store.latestJob(digest).flatMap(j -> store.find(j.taskPk()).map(t -> task(t, j))).stream()
        .toList());
  }

  private static Task task(TaskRow t, JobRow j) {
    String status = switch (j.state()) {
      case JobRow.INIT -> "START";
      case JobRow.START -> "PROCESSING";
      default -> j.state();
    };
    return new Task(OnceTaskFields.TIME.format(t.createdAt()), t.finishCount(), j.ended() ? j.endTime() : null,
        t.pk(), OnceTaskFields.TIME.format(t.modifiedAt().isAfter(Instant.EPOCH) ? t.modifiedAt() : t.createdAt()),
        OnceTaskFields.IMAGE_SCAN, t.source(), j.startTime() != null ? j.startTime() : t.execTime(), status,
        j.digest(), "IMAGE", t.taskId(), OnceTaskFields.IMAGE_SCAN);
  }
}
