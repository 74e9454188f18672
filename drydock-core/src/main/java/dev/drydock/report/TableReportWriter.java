package dev.drydock.report;

import dev.drydock.index.Diagnostic;
import dev.drydock.index.Finding;
import dev.drydock.vuln.Vulnerability;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A human-readable summary, package, vulnerability and finding tables, for terminals and CI logs. */
public final class TableReportWriter implements ReportWriter {

  @Override
  public void write(ImageReport report, OutputStream out) throws IOException {
    PrintStream p = new PrintStream(out, false, StandardCharsets.UTF_8);
    IndexReport ix = report.index();
    p.println("Image:    " + ix.image().name());
    p.println("Digest:   " + ix.image().manifestDigest());
    p.println("Platform: " + ix.image().platform());
    p.println("OS:       " + (ix.os() == null ? "unknown (no os-release)" : describeOs(ix)));
    p.println("Layers:   " + ix.image().layers().size());
    p.println("Packages: " + ix.packages().size());
    if (!report.complete()) {
      p.println();
      p.println("WARNING: this report is INCOMPLETE; what was not analysed:");
    }
    List<Diagnostic> shown = new ArrayList<>(ix.diagnostics());
    if (report.complete() && !shown.isEmpty()) {
      p.println();
      p.println("Warnings:");
    }
    for (Diagnostic d : shown) {
      p.println("  - " + (d.kind() == Diagnostic.Kind.INCOMPLETE ? "[incomplete] " : "[warning] ") + d.message()
          + (d.path() == null ? "" : " (/" + d.path() + (d.layer() == null ? "" : " in layer " + shortLayer(d.layer())) + ")"));
    }
    if (report.vulnerabilities() != null && !report.vulnerabilities().complete()) {
      p.println("  - [incomplete] not every package was matched against advisories (see Vulnerabilities below)");
    }
    p.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TYPE", "NAME", "VERSION", "LAYER", "PATH"});
    for (Package pkg : ix.packages()) {
      rows.add(new String[] {pkg.ecosystem().purlType(), pkg.displayName(), pkg.version(),
          pkg.layer() == null ? "" : shortLayer(pkg.layer()), "/" + pkg.path()});
    }
    printTable(p, rows);
    if (report.vulnerabilities() != null) {
      p.println();
      var v = report.vulnerabilities();
      p.println("Vulnerabilities: " + v.vulnerabilities().size() + " (" + v.distinctIds() + " distinct)"
          + (v.database() == null ? "" : "  [advisory database built " + v.database().builtAt() + "]"));
      for (Diagnostic d : v.diagnostics()) {
        p.println("  - " + (d.kind() == Diagnostic.Kind.INCOMPLETE ? "[incomplete] " : "[warning] ") + d.message());
      }
      if (!v.vulnerabilities().isEmpty()) {
        List<String[]> vr = new ArrayList<>();
        vr.add(new String[] {"SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "TITLE"});
        for (Vulnerability x : v.vulnerabilities()) {
          vr.add(new String[] {x.severity().name(), x.cveOrId(), x.packageName(), x.installedVersion(),
              x.fixedVersion() == null ? "" : x.fixedVersion(), x.status().name().toLowerCase(java.util.Locale.ROOT)
                  .replace('_', '-'), x.title() == null ? "" : truncate(x.title(), 60)});
        }
        printTable(p, vr);
      }
    }
    List<Finding> findings = report.findings();
    if (!findings.isEmpty() || !report.scanners().isEmpty()) {
      p.println();
      p.println("Findings: " + findings.size());
      if (!findings.isEmpty()) {
        List<String[]> fr = new ArrayList<>();
        fr.add(new String[] {"KIND", "RULE", "LEVEL", "WHERE", "EVIDENCE"});
        for (Finding f : findings) {
          fr.add(new String[] {f.kind().name().toLowerCase(java.util.Locale.ROOT), f.ruleId(), f.level(),
              f.path().isEmpty() ? "(image config)" : "/" + f.path() + (f.line() == null ? "" : ":" + f.line()),
              f.evidence() == null ? "" : truncate(f.evidence(), 60)});
        }
        printTable(p, fr);
      }
    }
    Statistics s = report.statistics();
    p.println();
    p.println("Statistics: vul=" + s.vul() + " baselineNum=" + s.baselineNum() + " newSuspicious=" + s.newSuspicious()
        + (report.complete() ? "" : "  (INCOMPLETE report)"));
    p.flush();
  }

  private static String truncate(String s, int max) {
    String one = s.replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }

  private static String describeOs(IndexReport ix) {
    var os = ix.os();
    return os.prettyName() != null ? os.prettyName() + " [" + os.distro() + "]" : os.distro();
  }

  static String shortLayer(String digest) {
    int colon = digest.indexOf(':');
    return digest.substring(colon + 1, Math.min(digest.length(), colon + 13));
  }

  static void printTable(PrintStream p, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        b.append(r[i]);
        if (i < cols - 1) {
          b.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      p.println(b.toString().stripTrailing());
    }
  }
}
