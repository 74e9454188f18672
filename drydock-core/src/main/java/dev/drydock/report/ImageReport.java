package dev.drydock.report;

import dev.drydock.index.Finding;
import dev.drydock.index.IndexReport;
import dev.drydock.vuln.VulnerabilityReport;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything Drydock knows about one image after a scan: the inventory with its findings (the
 * image configuration's, with empty paths, and the files'), the vulnerabilities of its packages,
 * and the statistics.
 *
 * @param vulnerabilities null when vulnerability scanning was not selected
 * @param scanners the scanners that ran ({@code vuln}, {@code baseline}, {@code secret}, {@code malware})
 * @param scannedAt when the scan finished
 * @param drydockVersion the version of Drydock that produced it
 */
public record ImageReport(
    IndexReport index,
    @Nullable VulnerabilityReport vulnerabilities,
    List<String> scanners,
    Statistics statistics,
    Instant scannedAt,
    String drydockVersion) {

  public ImageReport {
    scanners = List.copyOf(scanners);
  }

  /** A report of the inventory alone. */
  public static ImageReport inventory(IndexReport index, Instant scannedAt, String version) {
    return of(index, null, List.of(), scannedAt, version);
  }

  public static ImageReport of(IndexReport index, @Nullable VulnerabilityReport vulns, List<String> scanners,
      Instant scannedAt, String version) {
    return new ImageReport(index, vulns, scanners, Statistics.of(vulns, index.findings()), scannedAt, version);
  }

  /** Every finding: the image configuration's first, then the files'. */
  public List<Finding> findings() {
    return index.findings();
  }

  /** Whether anything was left unanalysed or unmatched (see the diagnostics). */
  public boolean complete() {
    return index.complete() && (vulnerabilities == null || vulnerabilities.complete());
  }
}
