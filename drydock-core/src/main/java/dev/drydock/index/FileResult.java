package dev.drydock.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one analyzer found in one file of one layer. */
public record FileResult(String path, String analyzer, List<Package> packages, @Nullable OsRelease os) {
  public FileResult {
    packages = List.copyOf(packages);
  }

  public FileResult withPath(String newPath) {
    return new FileResult(newPath, analyzer,
        packages.stream().map(p -> p.path().equals(path) ? relocate(p, newPath) : p).toList(), os);
  }

  private static Package relocate(Package p, String newPath) {
    return new Package(p.ecosystem(), p.name(), p.version(), p.namespace(), p.arch(), p.sourceName(),
        p.sourceVersion(), newPath, p.attributes(), p.purl(), p.layer());
  }
}
