package dev.drydock.index.rpm;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Package;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the rpm fixtures and helpers shared by the rpm tests. */
final class RpmTestData {

  static final Path DIR = AnalyzerFixtures.TESTDATA.resolve("rpm");
  static final Path SQLITE = DIR.resolve("sqlite/var/lib/rpm/rpmdb.sqlite");
  static final Path BDB = DIR.resolve("bdb/var/lib/rpm/Packages");
  static final Path BDB_BIGENDIAN = DIR.resolve("bdb-bigendian/var/lib/rpm/Packages");
  static final Path BDB_OVERFLOW = DIR.resolve("bdb-overflow/var/lib/rpm/Packages");
  static final Path NDB = DIR.resolve("ndb/usr/lib/sysimage/rpm/Packages.db");

  private RpmTestData() {}

  /** Every database file of every rpm case, relative to its case directory: (case dir, file). */
  static List<Path[]> databases() {
    try (Stream<Path> s = Files.walk(DIR)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> RpmAnalyzer.PATHS.containsKey(relative(p)))
          .sorted()
          .map(p -> new Path[] {caseOf(p), p})
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the analyzer over {@code content} as if it were the file at image path {@code path}. */
  static AnalysisResult analyze(RpmAnalyzer analyzer, String path, byte[] content) {
    return analyze(analyzer, path, content, content.length);
  }

  /** The same, with the size the file entry declares ({@code 0}: unknown). */
  static AnalysisResult analyze(RpmAnalyzer analyzer, String path, byte[] content, long declaredSize) {
    var sink = analyzer.open(new dev.drydock.index.FileEntry(path, dev.drydock.index.FileEntry.Type.REGULAR, 0644,
        declaredSize, 0, 0, null));
    for (int off = 0; off < content.length; off += 8191) {
      try {
        sink.write(content, off, Math.min(8191, content.length - off));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sink.finish();
  }

  /** The package without its database path, to compare packages read from different files. */
  static Package withoutPath(Package p) {
    return new Package(p.ecosystem(), p.name(), p.version(), p.namespace(), p.arch(), p.sourceName(),
        p.sourceVersion(), "", p.attributes(), p.purl(), p.layer());
  }

  static String relative(Path file) {
    return caseOf(file).relativize(file).toString().replace('\\', '/');
  }

  private static Path caseOf(Path file) {
    return DIR.resolve(DIR.relativize(file).getName(0));
  }
}
