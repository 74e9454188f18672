package dev.drydock.index;

import dev.drydock.image.DigestVerifyingInputStream;
import dev.drydock.image.Image;
import dev.drydock.image.ImageException;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Indexes an image: resolves it, reads each layer once (or takes its report from the layer
 * cache), and merges the layers into an {@link IndexReport}.
 *
 * <p>Layers are read in parallel (up to {@code parallelism} at a time); each blob is verified
 * against its digest as it streams, and a mismatch fails the whole image: a report is never built
 * from unverified bytes. Only verified layer reports enter the cache.
 */
public final class Indexer {

  /** Version of the walker/merge format; part of every cache key. */
  static final String WALKER_VERSION = "walker@3";

  private final List<Analyzer> analyzers;
  private final LayerCache cache;
  private final IndexLimits limits;
  private final int parallelism;
  private final String analyzersKey;
  private final ConfigInspector inspector;

  public Indexer(List<Analyzer> analyzers, LayerCache cache, IndexLimits limits, int parallelism) {
    this(analyzers, ConfigInspector.NONE, cache, limits, parallelism);
  }

  /**
   * @param inspector checks the image configuration and redacts what the report keeps of it
   */
  public Indexer(List<Analyzer> analyzers, ConfigInspector inspector, LayerCache cache, IndexLimits limits,
      int parallelism) {
    this.inspector = inspector;
    this.analyzers = List.copyOf(analyzers);
    this.cache = cache;
    this.limits = limits;
    this.parallelism = Math.max(1, parallelism);
    this.analyzersKey = analyzersKey(analyzers);
  }

  /** The sorted {@code name@version} list that keys the layer cache. */
  public static String analyzersKey(List<Analyzer> analyzers) {
    List<String> parts = new ArrayList<>();
    for (Analyzer a : analyzers) {
      parts.add(a.name() + "@" + a.version());
    }
    parts.sort(Comparator.naturalOrder());
    parts.add(0, WALKER_VERSION);
    return String.join(",", parts);
  }

  public IndexReport index(ImageSource source, ScanListener listener) throws IOException {
    Image image = source.resolve();
    listener.imageResolved(image);
    List<LayerReport> layerReports = indexLayers(source, image, listener);

    LayerMerger.Merged merged = LayerMerger.merge(layerReports);
    // Configuration findings first, computed on the whole configuration before it is redacted.
    List<Finding> findings = new ArrayList<>(inspector.inspect(image.config()));
    findings.addAll(merged.findings());
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (LayerReport r : layerReports) {
      diagnostics.addAll(r.diagnostics());
    }
    boolean complete = diagnostics.stream().noneMatch(d -> d.kind() == Diagnostic.Kind.INCOMPLETE);
    return new IndexReport(IndexReport.SCHEMA_VERSION, ImageInfo.of(image, inspector), merged.os(), merged.packages(),
        findings, diagnostics, complete, List.of(analyzersKey.split(",")));
  }

  private List<LayerReport> indexLayers(ImageSource source, Image image, ScanListener listener) throws IOException {
    Map<String, Layer> unique = new LinkedHashMap<>();
    for (Layer l : image.layers()) {
      unique.putIfAbsent(l.digest().toString(), l);
    }
    Map<String, LayerReport> done = new LinkedHashMap<>();
    List<Layer> todo = new ArrayList<>();
    for (Layer l : unique.values()) {
      String digest = l.digest().toString();
      var hit = cache.get(digest, analyzersKey);
      if (hit.isPresent()) {
        done.put(digest, hit.get());
        listener.layerFinished(digest, true);
      } else {
        todo.add(l);
      }
    }
    if (todo.size() == 1 || parallelism == 1) {
      for (Layer l : todo) {
        done.put(l.digest().toString(), readLayer(source, l, listener));
      }
    } else if (!todo.isEmpty()) {
      try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, todo.size()))) {
        List<Future<LayerReport>> futures = new ArrayList<>();
        for (Layer l : todo) {
          futures.add(pool.submit(() -> readLayer(source, l, listener)));
        }
        try {
          for (int i = 0; i < todo.size(); i++) {
            done.put(todo.get(i).digest().toString(), futures.get(i).get());
          }
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IOException(e.getCause());
        } catch (InterruptedException e) {
          futures.forEach(f -> f.cancel(true));
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while reading layers");
        }
      }
    }
    List<LayerReport> ordered = new ArrayList<>();
    for (Layer l : image.layers()) {
      ordered.add(done.get(l.digest().toString()));
    }
    return ordered;
  }

  private LayerReport readLayer(ImageSource source, Layer layer, ScanListener listener) throws IOException {
    String digest = layer.digest().toString();
    listener.layerStarted(digest, layer.descriptor().size());
    LayerWalker walker = new LayerWalker(analyzers, limits);
    LayerReport report;
    try (DigestVerifyingInputStream blob = source.openBlob(layer.descriptor());
         InputStream progress = new ProgressInputStream(blob, n -> listener.layerProgress(digest, n));
         // Fetching and hashing the blob runs on its own thread, ahead of decompression.
         InputStream ahead = new ReadAheadInputStream(progress, 256 * 1024, 8, "fetch " + digest)) {
      report = walker.walk(digest, analyzersKey, ahead);
      // The walker read the stream to its end, so the blob was verified on the fetch thread.
      blob.drainAndVerify();
    } catch (ImageException e) {
      throw e;
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageException("read layer " + digest + ": " + e.getMessage(), e);
    }
    cache.put(report);
    listener.layerFinished(digest, false);
    return report;
  }
}
