package dev.drydock.report;

import dev.drydock.index.Finding;
import dev.drydock.index.IndexReport;
import dev.drydock.vuln.VulnerabilityReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything Drydock knows about one image after a scan: the inventory with its file findings,
 * the vulnerabilities of its packages, the image-configuration findings, and the statistics.
 *
 * @param vulnerabilities null when vulnerability scanning was not selected
 * @param configFindings baseline findings about the image configuration (user, ports, healthcheck …)
 * @param scanners the scanners that ran ({@code vuln}, {@code baseline}, {@code secret}, {@code malware})
 * @param scannedAt when the scan finished
 * @param drydockVersion the version of Drydock that produced it
 */
public record ImageReport(
    IndexReport index,
    @Nullable VulnerabilityReport vulnerabilities,
    List<Finding> configFindings,
    List<String> scanners,
    Statistics statistics,
    Instant scannedAt,
    String drydockVersion) {

  public ImageReport {
    configFindings = List.copyOf(configFindings);
    scanners = List.copyOf(scanners);
  }

  /** A report of the inventory alone. */
  public static ImageReport inventory(IndexReport index, Instant scannedAt, String version) {
    return of(index, null, List.of(), List.of(), scannedAt, version);
  }

  public static ImageReport of(IndexReport index, @Nullable VulnerabilityReport vulns, List<Finding> configFindings,
      List<String> scanners, Instant scannedAt, String version) {
    List<Finding> all = new ArrayList<>(configFindings);
    all.addAll(index.findings());
    return new ImageReport(index, vulns, configFindings, scanners, Statistics.of(vulns, all), scannedAt, version);
  }

  /** Every finding: the image configuration's first, then the files'. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>(configFindings);
    all.addAll(index.findings());
    return all;
  }

  /** Whether anything was left unanalysed or unmatched (see the diagnostics). */
  public boolean complete() {
    return index.complete() && (vulnerabilities == null || vulnerabilities.complete());
  }
}
