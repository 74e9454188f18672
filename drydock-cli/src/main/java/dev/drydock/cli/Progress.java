package dev.drydock.cli;

import dev.drydock.image.Image;
import dev.drydock.index.ScanListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Download progress on stderr: a one-line bar redrawn in place when stderr is a terminal, else
 * one line per finished layer (readable in CI logs).
 */
abstract class Progress implements ScanListener, AutoCloseable {

  static Progress create(PrintWriter err, boolean quiet) {
    if (quiet) {
      return new Progress() {};
    }
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return terminal ? new Bar(err) : new Lines(err);
  }

  @Override
  public void close() {}

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Plain lines, for logs. */
  private static final class Lines extends Progress {
    private final PrintWriter err;
    private final ConcurrentHashMap<String, Long> sizes = new ConcurrentHashMap<>();

    Lines(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void imageResolved(Image image) {
      err.println("scanning " + image.name() + " (" + image.manifestDigest() + ", " + image.layers().size() + " layers)");
      err.flush();
    }

    @Override
    public void layerStarted(String layer, long size) {
      sizes.put(layer, size);
    }

    @Override
    public synchronized void layerFinished(String layer, boolean cached) {
      err.println("  layer " + layer + (cached ? ": cached" : ": " + mb(sizes.getOrDefault(layer, 0L)) + " read"));
      err.flush();
    }
  }

  /** An in-place bar, redrawn at most ten times a second. */
  private static final class Bar extends Progress {
    private final PrintWriter err;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile int layers;
    private final AtomicLong finished = new AtomicLong();
    private volatile long lastDraw;

    Bar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void imageResolved(Image image) {
      layers = image.layers().size();
      err.println("scanning " + image.name() + " (" + image.manifestDigest() + ")");
      err.flush();
    }

    @Override
    public void layerStarted(String layer, long size) {
      total.addAndGet(size);
      draw(false);
    }

    @Override
    public void layerProgress(String layer, long n) {
      done.addAndGet(n);
      draw(false);
    }

    @Override
    public void layerFinished(String layer, boolean cached) {
      finished.incrementAndGet();
      draw(true);
    }

    private synchronized void draw(boolean force) {
      long now = System.nanoTime();
      if (!force && now - lastDraw < 100_000_000L) {
        return;
      }
      lastDraw = now;
      long t = Math.max(1, total.get());
      int width = 30;
      int filled = (int) Math.min(width, done.get() * width / t);
      err.print(String.format(Locale.ROOT, "\r  layers %d/%d [%s%s] %s / %s ", finished.get(), layers,
          "#".repeat(filled), ".".repeat(width - filled), mb(done.get()), mb(total.get())));
      err.flush();
    }

    @Override
    public void close() {
      err.print("\r" + " ".repeat(79) + "\r");
      err.flush();
    }
  }
}
