package dev.drydock.report;

import dev.drydock.index.IndexReport;
import java.time.Instant;

/**
 * Everything Drydock knows about one image after a scan. For now the inventory; the
 * vulnerability and check results join it as the matching and check stages land.
 *
 * @param scannedAt when the scan finished
 * @param drydockVersion the version of Drydock that produced it
 */
public record ImageReport(IndexReport index, Instant scannedAt, String drydockVersion) {

  /** Whether anything was left unanalysed (see the index diagnostics). */
  public boolean complete() {
    return index.complete();
  }
}
