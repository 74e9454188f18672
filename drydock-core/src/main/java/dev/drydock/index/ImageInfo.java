package dev.drydock.index;

import dev.drydock.image.Image;
import dev.drydock.image.ImageConfig;
import dev.drydock.image.Layer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The identity and configuration of a scanned image, as reports state it. */
public record ImageInfo(
    String name,
    @Nullable String reference,
    String manifestDigest,
    @Nullable String indexDigest,
    String mediaType,
    String configDigest,
    String platform,
    ImageConfig config,
    List<LayerInfo> layers) {

  public ImageInfo {
    layers = List.copyOf(layers);
  }

  /** One layer: its digest, uncompressed digest, compressed size, media type and creating command. */
  public record LayerInfo(String digest, @Nullable String diffId, long size, String mediaType, @Nullable String createdBy) {}

  public static ImageInfo of(Image image) {
    return of(image, ConfigInspector.NONE);
  }

  /** The image as reports keep it: configuration and history commands redacted by {@code inspector}. */
  public static ImageInfo of(Image image, ConfigInspector inspector) {
    return new ImageInfo(
        image.name(),
        image.reference() == null ? null : image.reference().toString(),
        image.manifestDigest().toString(),
        image.indexDigest() == null ? null : image.indexDigest().toString(),
        image.manifestMediaType(),
        image.configDescriptor().digest().toString(),
        image.platform().toString(),
        inspector.redact(image.config()),
        image.layers().stream().map(l -> layerInfo(l, inspector)).toList());
  }

  private static LayerInfo layerInfo(Layer l, ConfigInspector inspector) {
    return new LayerInfo(l.digest().toString(), l.diffId(), l.descriptor().size(), l.descriptor().mediaType(),
        l.createdBy() == null ? null : inspector.redactCommand(l.createdBy()));
  }
}
