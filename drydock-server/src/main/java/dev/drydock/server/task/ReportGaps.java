package dev.drydock.server.task;

import dev.drydock.index.Diagnostic;
import dev.drydock.report.ImageReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a successful scan could not analyse, in one line for its sub-task's ResultInfo: a report
 * never goes quietly incomplete through the API. The INCOMPLETE diagnostics of the inventory and
 * of the match (packages no installed feed covers, versions that do not parse, files that could
 * not be read), distinct, the first {@value #SHOWN} in full and how many more.
 */
final class ReportGaps {
  private ReportGaps() {}

  static final int SHOWN = 3;
  /** Fits {@code scan_job.error} with the ResultInfo prefix around it. */
  static final int MAX_LENGTH = 1900;

  /** {@code incomplete: …} when the report is incomplete; empty when it is complete. */
  static Optional<String> of(ImageReport report) {
    if (report.complete()) {
      return Optional.empty();
    }
    Set<String> gaps = new LinkedHashSet<>();
    Stream.concat(report.index().diagnostics().stream(),
            report.vulnerabilities() == null ? Stream.empty() : report.vulnerabilities().diagnostics().stream())
        .filter(d -> d.kind() == Diagnostic.Kind.INCOMPLETE)
        .forEach(d -> gaps.add(d.path() == null || d.message().contains(d.path()) ? d.message()
            : d.path() + ": " + d.message()));
    List<String> shown = new ArrayList<>(gaps).subList(0, Math.min(SHOWN, gaps.size()));
    String text = "incomplete: " + (gaps.isEmpty() ? "something could not be analysed" : String.join("; ", shown))
        + (gaps.size() > SHOWN ? "; and " + (gaps.size() - SHOWN) + " more" : "");
    return Optional.of(text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…");
  }
}
