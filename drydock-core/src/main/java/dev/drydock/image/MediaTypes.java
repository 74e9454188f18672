package dev.drydock.image;

import java.util.Set;

/**
 * Media types of the OCI image spec and Docker's image manifest v2 schema 2.
 *
 * <p>Docker schema 1 ({@code application/vnd.docker.distribution.manifest.v1+json} and
 * {@code +prettyjws}) is deliberately absent: it carries no content-addressed config and a
 * registry only produces it when a client forgets to ask for schema 2.
 */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String OCI_LAYER_NONDIST_GZIP = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";

  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_FOREIGN_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

  /** What a client sends in {@code Accept} for a manifest: every type we read, and never schema 1. */
  public static final String MANIFEST_ACCEPT =
      String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
  private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  public static boolean isManifest(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }

  public static boolean isSchema1(String mediaType) {
    return mediaType.equals(DOCKER_SCHEMA1) || mediaType.equals(DOCKER_SCHEMA1_SIGNED);
  }

  /** Strips parameters such as {@code ; charset=utf-8} from a Content-Type value. */
  public static String bare(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }
}
