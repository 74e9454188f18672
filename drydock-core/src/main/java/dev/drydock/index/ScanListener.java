package dev.drydock.index;

/**
 * Progress events of an index run, for the CLI's progress bar and the server's task progress.
 * Called from worker threads; implementations must be thread-safe and fast. All methods default
 * to doing nothing.
 */
public interface ScanListener {
  ScanListener NONE = new ScanListener() {};

  default void imageResolved(dev.drydock.image.Image image) {}

  /** A layer's blob is about to be read; {@code size} is its (compressed) size. */
  default void layerStarted(String layer, long size) {}

  /** {@code n} more compressed bytes of the layer were read. */
  default void layerProgress(String layer, long n) {}

  /** The layer is done; {@code cached} when its result came from the layer cache. */
  default void layerFinished(String layer, boolean cached) {}
}
