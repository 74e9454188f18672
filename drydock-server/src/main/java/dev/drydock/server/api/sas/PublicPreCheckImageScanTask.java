package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.TaskCreator;
import org.springframework.stereotype.Component;

/**
 * PublicPreCheckImageScanTask (reference §1.2): what PublicCreateImageScanTask with the same
 * filters would do, without creating anything. {@code ScanImageCount}: the images the filters
 * select; {@code NeedAuthCount}: the scan authorizations the task would consume (distinct digests
 * in supported regions not yet authorized in the current quota period). The SDK's descriptions of
 * the two fields look swapped; Drydock follows the field names.
 */
@Component
public class PublicPreCheckImageScanTask implements SasAction {

  private final TaskCreator creator;

  public PublicPreCheckImageScanTask(TaskCreator creator) {
    this.creator = creator;
  }

  public record Data(long needAuthCount, int scanImageCount) {}

  public record Response(Data data) {}

  @Override
  public Object handle(Params params, CallContext context) {
    TaskCreator.Estimate e = creator.estimate(ScanTaskFields.filter(params));
    return new Response(new Data(e.authorizations(), e.images()));
  }
}
