package dev.drydock.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a top-level manifest document into a single-platform {@link Image}, whatever the source:
 * picks the platform's manifest from an index, fetches the config, and lines layers up with the
 * config's {@code diff_ids} and history.
 *
 * <p>Platform choice: entries of an index are matched with {@link Platform#matches}; entries for
 * {@code unknown/unknown} (BuildKit attestations) never match. When no platform was asked for,
 * {@code linux/amd64} is chosen. A single-platform manifest is taken as it is unless a platform
 * was asked for explicitly and its config says otherwise.
 */
public final class ImageResolver {

  private static final long MAX_CONFIG_BYTES = 16L << 20;
  private static final int MAX_NESTING = 4;
  private static final Set<String> CONFIG_TYPES = Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG, "");

  private ImageResolver() {}

  /** Manifest bytes with their digest and the Content-Type they came with (null locally). */
  public record ManifestBytes(byte[] bytes, @Nullable String contentType, Digest digest) {}

  /** Fetches what the resolver needs by descriptor; implementations verify digests. */
  public interface Fetcher {
    ManifestBytes manifest(Descriptor d) throws IOException;

    byte[] blob(Descriptor d, long maxBytes) throws IOException;
  }

  public static Image resolve(String name, @Nullable ImageReference ref, ManifestBytes top,
      @Nullable Platform requested, Fetcher fetcher) throws IOException {
    Platform want = requested == null ? Platform.LINUX_AMD64 : requested;
    ManifestBytes current = top;
    Digest indexDigest = null;
    for (int depth = 0; ; depth++) {
      ManifestDocument doc = ManifestParser.parse(current.bytes(), current.contentType(), name);
      switch (doc) {
        case ManifestDocument.Index index -> {
          if (depth >= MAX_NESTING) {
            throw new ImageException("index nesting too deep in " + name);
          }
          indexDigest = indexDigest == null ? current.digest() : indexDigest;
          current = fetcher.manifest(choose(index, want, name));
        }
        case ManifestDocument.Manifest m -> {
          return build(name, ref, current, indexDigest, m, requested, fetcher);
        }
      }
    }
  }

  static Descriptor choose(ManifestDocument.Index index, Platform want, String name) throws ImageException {
    Descriptor best = null;
    List<String> available = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      Platform p = d.platform();
      if (p == null) {
        continue;
      }
      if (!p.os().equals("unknown")) {
        available.add(p.toString());
      }
      if (want.matches(p)) {
        // Prefer an exact variant match over "any variant".
        if (best == null || (want.variant() == null && p.variant() == null)) {
          best = d;
        }
      }
    }
    if (best == null) {
      // An index whose entries carry no platform at all (a plain OCI layout index): one entry is unambiguous.
      List<Descriptor> unplatformed = index.manifests().stream().filter(d -> d.platform() == null).toList();
      if (available.isEmpty() && unplatformed.size() == 1) {
        return unplatformed.get(0);
      }
      throw new ImageException("no manifest for platform " + want + " in " + name
          + (available.isEmpty() ? "" : " (available: " + String.join(", ", available) + ")"));
    }
    return best;
  }

  private static Image build(String name, @Nullable ImageReference ref, ManifestBytes mb, @Nullable Digest indexDigest,
      ManifestDocument.Manifest m, @Nullable Platform requested, Fetcher fetcher) throws IOException {
    if (!CONFIG_TYPES.contains(m.config().mediaType())) {
      throw new ImageException("not a container image: " + name + " has config media type " + m.config().mediaType());
    }
    byte[] configBytes = fetcher.blob(m.config(), MAX_CONFIG_BYTES);
    ImageConfig config = ImageConfig.parse(configBytes, name);
    Platform actual = config.os() != null && config.architecture() != null
        ? new Platform(config.os(), config.architecture(), config.variant())
        : (requested == null ? Platform.LINUX_AMD64 : requested);
    if (requested != null && indexDigest == null && !requested.matches(actual)) {
      throw new ImageException(name + " is a " + actual + " image, not the requested " + requested);
    }
    List<String> diffIds = config.diffIds();
    if (!diffIds.isEmpty() && diffIds.size() != m.layers().size()) {
      throw new ImageException("inconsistent image " + name + ": " + m.layers().size() + " layers but "
          + diffIds.size() + " diff_ids in its config");
    }
    List<@Nullable String> commands = config.layerCommands(m.layers().size());
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < m.layers().size(); i++) {
      layers.add(new Layer(m.layers().get(i), diffIds.isEmpty() ? null : diffIds.get(i), commands.get(i)));
    }
    return new Image(name, ref == null ? null : ref.withDigest(mb.digest()), mb.digest(), indexDigest, m.mediaType(),
        m.config(), config, actual, layers);
  }
}
