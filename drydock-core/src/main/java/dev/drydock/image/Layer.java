package dev.drydock.image;

import org.jspecify.annotations.Nullable;

/**
 * One layer of an image: its descriptor as the manifest states it, the uncompressed digest
 * ({@code diff_id}) from the config when known, and the history command that created it.
 */
public record Layer(Descriptor descriptor, @Nullable String diffId, @Nullable String createdBy) {
  public Digest digest() {
    return descriptor.digest();
  }
}
