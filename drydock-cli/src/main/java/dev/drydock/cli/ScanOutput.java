package dev.drydock.cli;

import dev.drydock.report.ImageReport;
import dev.drydock.report.ReportFilter;
import dev.drydock.report.ReportFormat;
import dev.drydock.vuln.advisory.Severity;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** Output options shared by {@code scan} and {@code match}: format, file, filters, the CI gate. */
final class ScanOutput {

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "Output format: table, json, cyclonedx, sarif (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path output;

  @Option(names = "--severity", paramLabel = "LIST", split = ",",
      description = "Report only these severities (CRITICAL,HIGH,MEDIUM,LOW,UNKNOWN; default: all).")
  Set<String> severities;

  @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities that have no fixed version.")
  boolean ignoreUnfixed;

  @Option(names = "--exit-code", paramLabel = "N", defaultValue = "0",
      description = "Exit with N when any reported vulnerability or finding remains after the filters (the CI gate).")
  int exitCode;

  ReportFormat parsedFormat() {
    return ReportFormat.parse(format);
  }

  ReportFilter filter() {
    if (severities == null || severities.isEmpty()) {
      return new ReportFilter(EnumSet.allOf(Severity.class), ignoreUnfixed);
    }
    Set<Severity> s = EnumSet.noneOf(Severity.class);
    for (String v : severities) {
      Severity parsed = Severity.parse(v);
      if (parsed == Severity.UNKNOWN && !v.trim().equalsIgnoreCase("UNKNOWN")) {
        throw new IllegalArgumentException("unknown severity \"" + v + "\" (CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN)");
      }
      s.add(parsed);
    }
    return new ReportFilter(s, ignoreUnfixed);
  }

  /** Filters, writes, warns about incompleteness, and returns the exit status. */
  int emit(ImageReport full, Streams streams) throws IOException {
    ReportFilter filter = filter();
    ImageReport report = filter.apply(full);
    write(report, parsedFormat(), streams.out());
    if (!full.complete()) {
      long n = full.index().diagnostics().stream().filter(d -> d.kind() == dev.drydock.index.Diagnostic.Kind.INCOMPLETE).count()
          + (full.vulnerabilities() == null ? 0 : full.vulnerabilities().diagnostics().stream()
              .filter(d -> d.kind() == dev.drydock.index.Diagnostic.Kind.INCOMPLETE).count());
      streams.err().println("warning: the report is incomplete: " + n + " item(s) could not be analysed or matched (listed in the report)");
    }
    return exitCode != 0 && filter.anyRemaining(report) ? exitCode : 0;
  }

  private void write(ImageReport report, ReportFormat fmt, PrintStream stdout) throws IOException {
    if (output == null) {
      OutputStream out = new BufferedOutputStream(stdout);
      fmt.writer().write(report, out);
      out.flush();
      return;
    }
    Path abs = output.toAbsolutePath();
    if (Files.exists(abs) && !Files.isRegularFile(abs)) {
      // A device or pipe (/dev/stdout, /dev/null, a FIFO): write into it, never replace it.
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(abs))) {
        fmt.writer().write(report, out);
      }
      return;
    }
    // A regular file is replaced atomically, so a reader never sees half a report.
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".drydock-", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        fmt.writer().write(report, out);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
