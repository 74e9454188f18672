package dev.drydock.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The inventory of one image: what it is, its OS, every package with the layer that introduced
 * it, every file finding (baseline, secret, malware) with its layer, and every diagnostic. It depends only on the image's bytes and the analyzer versions, so
 * it can be stored and re-matched against newer advisories without touching the image again.
 *
 * @param complete false when any diagnostic says something was not analysed
 */
public record IndexReport(
    int schemaVersion,
    ImageInfo image,
    @Nullable OsRelease os,
    List<Package> packages,
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    boolean complete,
    List<String> analyzers) {

  public static final int SCHEMA_VERSION = 1;

  public IndexReport {
    packages = List.copyOf(packages);
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
    analyzers = List.copyOf(analyzers);
  }
}
