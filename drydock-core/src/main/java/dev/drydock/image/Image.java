package dev.drydock.image;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A resolved single-platform image: the manifest that was chosen, its config and its layers in
 * order from the base up.
 *
 * @param name how the user named it (a reference, or {@code oci-dir:PATH} …)
 * @param reference the registry reference, when the image came from a registry
 * @param manifestDigest digest of the manifest bytes; for a {@code docker save} archive, which has
 *     no registry manifest, the digest of the config (docker's image id)
 * @param indexDigest digest of the index the manifest was chosen from, if any
 */
public record Image(
    String name,
    @Nullable ImageReference reference,
    Digest manifestDigest,
    @Nullable Digest indexDigest,
    String manifestMediaType,
    Descriptor configDescriptor,
    ImageConfig config,
    Platform platform,
    List<Layer> layers) {

  public Image {
    layers = List.copyOf(layers);
  }
}
