package dev.drydock.report;

import dev.drydock.index.Finding;
import dev.drydock.vuln.Vulnerability;
import dev.drydock.vuln.VulnerabilityReport;
import dev.drydock.vuln.advisory.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Narrows a report to what a CI gate cares about: vulnerabilities and findings of the selected
 * severities, optionally without vulnerabilities that have no fix. Finding levels map onto
 * severities: {@code serious} → CRITICAL, {@code high}/{@code suspicious} → HIGH,
 * {@code medium} → MEDIUM, {@code low}/{@code remind} → LOW.
 */
public record ReportFilter(Set<Severity> severities, boolean ignoreUnfixed) {

  public static final ReportFilter ALL = new ReportFilter(Set.of(Severity.values()), false);

  public ReportFilter {
    severities = Set.copyOf(severities);
  }

  public ImageReport apply(ImageReport r) {
    VulnerabilityReport v = r.vulnerabilities();
    VulnerabilityReport filtered = v == null ? null : new VulnerabilityReport(v.database(),
        v.vulnerabilities().stream().filter(this::keep).toList(), v.diagnostics(), v.complete());
    var index = r.index();
    var keptFileFindings = index.findings().stream().filter(this::keep).toList();
    var narrowedIndex = new dev.drydock.index.IndexReport(index.schemaVersion(), index.image(), index.os(), index.packages(),
        keptFileFindings, index.diagnostics(), index.complete(), index.analyzers());
    return ImageReport.of(narrowedIndex, filtered, r.scanners(), r.scannedAt(), r.drydockVersion());
  }

  /** Whether anything at or above the selected severities remains (the {@code --exit-code} test). */
  public boolean anyRemaining(ImageReport filtered) {
    return (filtered.vulnerabilities() != null && !filtered.vulnerabilities().vulnerabilities().isEmpty())
        || !filtered.findings().isEmpty();
  }

  private boolean keep(Vulnerability v) {
    if (ignoreUnfixed && v.status() != Vulnerability.Status.FIXED) {
      return false;
    }
    return severities.contains(v.severity());
  }

  private boolean keep(Finding f) {
    return severities.contains(severityOf(f.level()));
  }

  public static Severity severityOf(String level) {
    return switch (level.toLowerCase(Locale.ROOT)) {
      case "serious", "critical" -> Severity.CRITICAL;
      case "high", "suspicious" -> Severity.HIGH;
      case "medium" -> Severity.MEDIUM;
      case "low", "remind" -> Severity.LOW;
      default -> Severity.UNKNOWN;
    };
  }
}
