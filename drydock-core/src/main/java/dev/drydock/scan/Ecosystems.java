package dev.drydock.scan;

import dev.drydock.index.Analyzer;
import dev.drydock.index.apk.ApkAnalyzer;
import dev.drydock.index.dpkg.DpkgAnalyzer;
import dev.drydock.index.golang.GoBinaryAnalyzer;
import dev.drydock.index.java.JavaArchiveAnalyzer;
import dev.drydock.index.npm.NpmPackageAnalyzer;
import dev.drydock.index.os.OsReleaseAnalyzer;
import dev.drydock.index.python.PythonPackageAnalyzer;
import dev.drydock.index.rpm.RpmAnalyzer;
import java.util.List;

/**
 * The explicit list of analyzers a scan runs. Adding an ecosystem means adding its package and
 * one line here; there is no classpath scanning.
 */
public final class Ecosystems {
  private Ecosystems() {}

  public static List<Analyzer> defaults() {
    return List.of(
        new OsReleaseAnalyzer(),
        new DpkgAnalyzer(),
        new ApkAnalyzer(),
        new RpmAnalyzer(),
        new JavaArchiveAnalyzer(),
        new NpmPackageAnalyzer(),
        new PythonPackageAnalyzer(),
        new GoBinaryAnalyzer());
  }
}
