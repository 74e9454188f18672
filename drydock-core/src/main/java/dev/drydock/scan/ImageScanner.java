package dev.drydock.scan;

import dev.drydock.image.ImageConfig;
import dev.drydock.image.ImageSource;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Finding;
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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The whole pipeline for one image: index (inventory plus the file checks, in the same single
 * pass over each layer) → match against the advisory database → image-configuration checks →
 * {@link ImageReport}. {@link #report} re-runs only the last two on a stored {@link IndexReport}
 * ("index once, match often").
 */
public final class ImageScanner {

  /** Says what to do when vulnerability scanning is asked for but no database is installed. */
  public static final String NO_DATABASE = "no advisory database is installed, so no package was matched: "
      + "run `drydock db update` (online) or `drydock db import FILE…` (air-gapped)";

  private final Set<ScannerKind> scanners;
  private final Indexer indexer;
  private final @Nullable AdvisorySource database;
  private final Function<ImageConfig, List<Finding>> configChecks;
  private final String version;

  /**
   * @param analyzers every analyzer the index pass runs (ecosystems and the selected file checks)
   * @param configChecks the image-configuration checks of the selected scanners
   * @param database the advisory database, or null when none is installed
   */
  public ImageScanner(Set<ScannerKind> scanners, List<Analyzer> analyzers, Function<ImageConfig, List<Finding>> configChecks,
      LayerCache cache, IndexLimits limits, int parallelism, @Nullable AdvisorySource database, String version) {
    this.scanners = Set.copyOf(scanners);
    this.indexer = new Indexer(analyzers, cache, limits, parallelism);
    this.configChecks = configChecks;
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
    List<Finding> config = scanners.contains(ScannerKind.BASELINE) || scanners.contains(ScannerKind.SECRET)
        ? configChecks.apply(index.image().config()) : List.of();
    List<String> ran = new ArrayList<>();
    scanners.stream().sorted().forEach(s -> ran.add(s.id()));
    return ImageReport.of(index, vulns, config, ran, Instant.now(), version);
  }
}
