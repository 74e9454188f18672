package dev.drydock.index;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A content-addressed layer cache on disk: {@code DIR/layers/v1/<algorithm>/<hex>/<key>.json},
 * where {@code key} hashes the analyzer set. Entries are written to a temporary file and moved
 * into place atomically, so concurrent scans (and processes) never read a half-written entry. An
 * unreadable entry is treated as a miss and rewritten.
 */
public final class DiskLayerCache implements LayerCache {

  private static final Logger LOG = LoggerFactory.getLogger(DiskLayerCache.class);
  private static final String FORMAT = "v1";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path root;

  public DiskLayerCache(Path dir) {
    this.root = dir.resolve("layers").resolve(FORMAT);
  }

  /** {@code $XDG_CACHE_HOME/drydock}, else {@code ~/.cache/drydock}. */
  public static Path defaultDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("drydock");
  }

  @Override
  public Optional<LayerReport> get(String layer, String analyzersKey) {
    Path f = file(layer, analyzersKey);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      LayerReport r = JSON.readValue(f.toFile(), LayerReport.class);
      if (!r.layer().equals(layer) || !r.analyzersKey().equals(analyzersKey)) {
        return Optional.empty();
      }
      return Optional.of(r);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable layer cache entry {}: {}", f, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void put(LayerReport report) {
    Path f = file(report.layer(), report.analyzersKey());
    try {
      Files.createDirectories(f.getParent());
      Path tmp = Files.createTempFile(f.getParent(), ".tmp-", ".json");
      try {
        JSON.writeValue(tmp.toFile(), report);
        try {
          Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // A cache that cannot be written costs time, not correctness.
      LOG.warn("could not write layer cache entry {}: {}", f, e.getMessage());
    }
  }

  private Path file(String layer, String analyzersKey) {
    Digest d = Digest.parse(layer);
    String key = Digest.sha256(analyzersKey.getBytes(StandardCharsets.UTF_8)).encoded().substring(0, 16);
    return root.resolve(d.algorithm()).resolve(d.encoded()).resolve(key + ".json");
  }

}
