package dev.drydock.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one analyzer found in one file of one layer: packages, the OS, findings. */
public record FileResult(String path, String analyzer, List<Package> packages, @Nullable OsRelease os,
    List<Finding> findings) {
  public FileResult {
    packages = List.copyOf(packages);
    findings = List.copyOf(findings);
  }

  public FileResult withPath(String newPath) {
    return new FileResult(newPath, analyzer,
        packages.stream().map(p -> relocate(p, path, newPath)).toList(), os,
        findings.stream().map(f -> f.path().equals(path) ? f.withPath(newPath) : f).toList());
  }

  /** Moves a package found in {@code oldPath} (or in an archive nested in it, {@code old!/…}). */
  private static Package relocate(Package p, String oldPath, String newPath) {
    String at;
    if (p.path().equals(oldPath)) {
      at = newPath;
    } else if (p.path().startsWith(oldPath + "!/")) {
      at = newPath + p.path().substring(oldPath.length());
    } else {
      return p;
    }
    return new Package(p.ecosystem(), p.name(), p.version(), p.namespace(), p.arch(), p.sourceName(),
        p.sourceVersion(), at, p.attributes(), p.purl(), p.layer());
  }
}
