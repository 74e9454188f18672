package dev.drydock.server.task;

import dev.drydock.image.ImageSource;
import dev.drydock.index.Analyzer;
import dev.drydock.index.ConfigInspector;
import dev.drydock.index.DiskLayerCache;
import dev.drydock.index.IndexLimits;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Indexer;
import dev.drydock.index.LayerCache;
import dev.drydock.index.ScanListener;
import dev.drydock.report.ImageReport;
import dev.drydock.scan.Checks;
import dev.drydock.scan.Ecosystems;
import dev.drydock.scan.ImageScanner;
import dev.drydock.scan.ScannerKind;
import dev.drydock.vuln.AdvisorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The engine as the server runs it, assembled once per process like the CLI's {@code scan}: every
 * ecosystem analyzer plus the checks of the configured scanners (the malware rules compile once, on
 * first use), the layer cache in {@code drydock.scan.cache-dir}. Thread-safe.
 */
@Component
public class ScanEngine {

  private final TaskSettings settings;
  private final ConfigInspector inspector;
  private final LayerCache cache;
  private volatile @Nullable List<Analyzer> analyzers;

  public ScanEngine(Environment env) {
    this.settings = TaskSettings.from(env);
    this.inspector = Checks.inspector(settings.scanners());
    this.cache = new DiskLayerCache(settings.cacheDir());
  }

  /** The scanners every report states, sorted. */
  public List<String> scanners() {
    return settings.scanners().stream().sorted().map(ScannerKind::id).toList();
  }

  /** Pulls and indexes one image (one streaming pass over each layer not in the layer cache). */
  public IndexReport index(ImageSource source) throws IOException {
    return new Indexer(analyzers(), inspector, cache, IndexLimits.DEFAULT, settings.indexParallelism())
        .index(source, ScanListener.NONE);
  }

  /** Matches a stored inventory against {@code database} (null: none installed; the report says so). */
  public ImageReport match(IndexReport index, @Nullable AdvisorySource database) {
    return new ImageScanner(settings.scanners(), List.of(), inspector, LayerCache.NONE, IndexLimits.DEFAULT, 1,
        database, version()).report(index);
  }

  private List<Analyzer> analyzers() {
    List<Analyzer> a = analyzers;
    if (a == null) {
      synchronized (this) {
        a = analyzers;
        if (a == null) {
          List<Analyzer> all = new ArrayList<>(Ecosystems.defaults());
          all.addAll(Checks.analyzers(settings.scanners()));
          a = List.copyOf(all);
          analyzers = a;
        }
      }
    }
    return a;
  }

  static String version() {
    String v = ScanEngine.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
