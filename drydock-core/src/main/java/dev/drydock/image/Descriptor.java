package dev.drydock.image;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A content descriptor: what a manifest says about a blob or a child manifest.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</a>
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    @Nullable Platform platform,
    Map<String, String> annotations,
    List<String> urls) {

  public Descriptor {
    if (size < 0) {
      throw new IllegalArgumentException("negative size in descriptor " + digest);
    }
    annotations = Map.copyOf(annotations);
    urls = List.copyOf(urls);
  }

  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, Map.of(), List.of());
  }
}
