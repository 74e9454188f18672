package dev.drydock.index;

import java.util.Optional;

/**
 * Stores {@link LayerReport}s by layer digest and analyzer set. Implementations must be safe for
 * concurrent use by several threads and, for disk caches, several processes.
 */
public interface LayerCache {

  /** A cache that stores nothing ({@code --no-cache}). */
  LayerCache NONE = new LayerCache() {
    @Override
    public Optional<LayerReport> get(String layer, String analyzersKey) {
      return Optional.empty();
    }

    @Override
    public void put(LayerReport report) {}
  };

  Optional<LayerReport> get(String layer, String analyzersKey);

  void put(LayerReport report);
}
