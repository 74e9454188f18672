package dev.drydock.scan;

import dev.drydock.image.ImageSource;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.ConfigInspector;
import dev.drydock.index.IndexLimits;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Indexer;
import dev.drydock.index.LayerCache;
import dev.drydock.index.ScanListener;
import dev.drydock.report.ImageReport;
import dev.drydock.vuln.AdvisorySource;
import dev.drydock.vuln.Matcher;
import dev.drydock.vuln.VulnerabilityReport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole pipeline for one image: index (inventory plus the file and configuration checks, in
 * the same single pass over each layer) → match against the advisory database →
 * {@link ImageReport}. {@link #report} re-runs only the matching on a stored {@link IndexReport}
 * ("index once, match often").
 */
public final class ImageScanner {

  /** Says what to do when vulnerability scanning is asked for but no database is installed. */
  public static final String NO_DATABASE = "no advisory database is installed, so no package was matched: "
      + "run `drydock db update` (online) or `drydock db import FILE…` (air-gapped)";

  private final Set<ScannerKind> scanners;
  private final Indexer indexer;
  private final @Nullable AdvisorySource database;
  private final String version;

  /**
   * @param analyzers every analyzer the index pass runs (ecosystems and the selected file checks)
   * @param inspector checks and redacts the image configuration (see {@link Checks#inspector})
   * @param database the advisory database, or null when none is installed
   */
  public ImageScanner(Set<ScannerKind> scanners, List<Analyzer> analyzers, ConfigInspector inspector,
      LayerCache cache, IndexLimits limits, int parallelism, @Nullable AdvisorySource database, String version) {
    this.scanners = Set.copyOf(scanners);
    this.indexer = new Indexer(analyzers, inspector, cache, limits, parallelism);
    this.database = database;
    this.version = version;
  }

  public ImageReport scan(ImageSource source, ScanListener listener) throws IOException {
    return report(indexer.index(source, listener));
  }

  /** Matches and checks a stored inventory again, without touching the image. */
  public ImageReport report(IndexReport index) {
    VulnerabilityReport vulns = null;
    if (scanners.contains(ScannerKind.VULN)) {
      vulns = database == null
          ? new VulnerabilityReport(null, List.of(), List.of(Diagnostic.incomplete(NO_DATABASE, null, "matcher")), false)
          : new Matcher(database).match(index);
    }
    List<String> ran = new ArrayList<>();
    scanners.stream().sorted().forEach(s -> ran.add(s.id()));
    return ImageReport.of(index, vulns, ran, Instant.now(), version);
  }
}
