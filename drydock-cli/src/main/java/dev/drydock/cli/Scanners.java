package dev.drydock.cli;

import dev.drydock.index.LayerCache;
import dev.drydock.index.IndexLimits;
import dev.drydock.scan.Checks;
import dev.drydock.scan.Ecosystems;
import dev.drydock.scan.ImageScanner;
import dev.drydock.scan.ScannerKind;
import dev.drydock.vuln.AdvisorySource;
import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.DatabaseAdvisorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds the {@link ImageScanner} a CLI command asked for. */
final class Scanners {
  private Scanners() {}

  /** The database when vulnerability scanning is selected and one is installed; else null. */
  static @Nullable AdvisoryDatabase openDatabase(Set<ScannerKind> kinds, Path path) throws IOException {
    if (!kinds.contains(ScannerKind.VULN) || !Files.exists(path)) {
      return null;
    }
    return AdvisoryDatabase.openReadOnly(path);
  }

  static ImageScanner build(Set<ScannerKind> kinds, @Nullable AdvisoryDatabase db, LayerCache cache) throws IOException {
    return build(kinds, db, cache, List.of());
  }

  static ImageScanner build(Set<ScannerKind> kinds, @Nullable AdvisoryDatabase db, LayerCache cache, List<Path> rules)
      throws IOException {
    List<dev.drydock.index.Analyzer> analyzers = new ArrayList<>(Ecosystems.defaults());
    analyzers.addAll(Checks.analyzers(kinds, rules));
    AdvisorySource source = db == null ? null : new DatabaseAdvisorySource(db);
    return new ImageScanner(kinds, analyzers, Checks.inspector(kinds), cache, IndexLimits.DEFAULT,
        Math.max(2, Runtime.getRuntime().availableProcessors()), source, VersionProvider.version());
  }
}
