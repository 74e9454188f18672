package dev.drydock.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What an analyzer found in one file. "Nothing found" is {@link #EMPTY}, never null. */
public record AnalysisResult(List<Package> packages, @Nullable OsRelease os, List<Diagnostic> diagnostics,
    List<Finding> findings) {

  public static final AnalysisResult EMPTY = new AnalysisResult(List.of(), null, List.of(), List.of());

  public AnalysisResult {
    packages = List.copyOf(packages);
    diagnostics = List.copyOf(diagnostics);
    findings = List.copyOf(findings);
  }

  public AnalysisResult(List<Package> packages, @Nullable OsRelease os, List<Diagnostic> diagnostics) {
    this(packages, os, diagnostics, List.of());
  }

  /** Findings of a check, with whatever it could not check. */
  public static AnalysisResult ofFindings(List<Finding> findings, List<Diagnostic> diagnostics) {
    return new AnalysisResult(List.of(), null, diagnostics, findings);
  }

  public static AnalysisResult of(List<Package> packages) {
    return new AnalysisResult(packages, null, List.of());
  }

  public static AnalysisResult of(List<Package> packages, List<Diagnostic> diagnostics) {
    return new AnalysisResult(packages, null, diagnostics);
  }

  public static AnalysisResult failed(Diagnostic d) {
    return new AnalysisResult(List.of(), null, List.of(d));
  }

  public boolean isEmpty() {
    return packages.isEmpty() && os == null && diagnostics.isEmpty() && findings.isEmpty();
  }
}
