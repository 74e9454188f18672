package dev.drydock.image;

import java.util.List;

/**
 * A parsed manifest document: either a single-platform image manifest or an index (manifest list)
 * that points at one manifest per platform.
 */
public sealed interface ManifestDocument {

  /** The media type, from the document itself or else from the Content-Type it was served with. */
  String mediaType();

  /** An OCI image manifest or a Docker v2 schema 2 manifest. */
  record Manifest(String mediaType, Descriptor config, List<Descriptor> layers) implements ManifestDocument {
    public Manifest {
      layers = List.copyOf(layers);
    }
  }

  /** An OCI image index or a Docker manifest list. */
  record Index(String mediaType, List<Descriptor> manifests) implements ManifestDocument {
    public Index {
      manifests = List.copyOf(manifests);
    }
  }
}
