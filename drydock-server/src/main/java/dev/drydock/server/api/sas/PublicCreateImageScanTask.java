package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.ScanWorkers;
import dev.drydock.server.task.TaskCreator;
import org.springframework.stereotype.Component;

/**
 * PublicCreateImageScanTask (seed 002, reference §1.3): creates a scan task over the inventory
 * images the nine comma-separated filters select (none: every image) and returns at once; the
 * images are scanned in the background, one job per image. Errors: TaskNumEmpty when nothing
 * matches, BeyondQuata when the scan authorizations left do not cover the task, TaskNumLimit when
 * the limit of unfinished tasks (10 by default) is reached. Images in regions without scanning
 * support are not scanned: their sub-tasks end with TASK_NOT_SUPPORT_REGION, as does the task's
 * Result.
 */
@Component
public class PublicCreateImageScanTask implements SasAction {

  private final TaskCreator creator;
  private final ScanWorkers workers;

  public PublicCreateImageScanTask(TaskCreator creator, ScanWorkers workers) {
    this.creator = creator;
    this.workers = workers;
  }

  @Override
  public Object handle(Params params, CallContext context) {
    ScanTaskFields.Response r = ScanTaskFields.answer(creator.create(ScanTaskFields.filter(params),
        ScanTaskFields.sourceIp(params, context.sourceIp()), context.caller().userId()));
    workers.wake();
    return r;
  }
}
