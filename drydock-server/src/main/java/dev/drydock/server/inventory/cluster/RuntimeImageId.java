package dev.drydock.server.inventory.cluster;

import dev.drydock.image.Digest;
import org.jspecify.annotations.Nullable;

/**
 * What a container status's {@code imageID} says about the image that runs. Container runtimes
 * write it in three shapes:
 * <ul>
 *   <li>a repository digest — {@code docker-pullable://repo@sha256:…} (Docker through dockershim or
 *       cri-dockerd) or {@code repo@sha256:…} (containerd, CRI-O): the manifest digest the image was
 *       pulled by; for a multi-platform tag that is the index digest, as the registry inventory
 *       records it;
 *   <li>a bare config digest — {@code sha256:…} or {@code docker://sha256:…}: the runtime knows the
 *       image only by its image id (built or imported locally, never pulled by digest);
 *   <li>nothing — the empty string while the image has not been pulled yet (a waiting container).
 * </ul>
 *
 * @see <a href="https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodStatus">PodStatus</a>
 */
public sealed interface RuntimeImageId {

  /** The image was pulled from {@code repository} by this manifest digest. */
  record RepoDigest(String repository, Digest digest) implements RuntimeImageId {}

  /** Only the image's config digest (its image id) is known. */
  record ConfigDigest(Digest digest) implements RuntimeImageId {}

  /** No usable id: empty (not pulled yet) or a shape no runtime documents. */
  record Unknown(String raw) implements RuntimeImageId {}

  /** Parses an {@code imageID}; never throws. */
  static RuntimeImageId parse(@Nullable String imageId) {
    if (imageId == null || imageId.isBlank()) {
      return new Unknown("");
    }
    String s = imageId.trim();
    for (String scheme : new String[] {"docker-pullable://", "docker://"}) {
      if (s.startsWith(scheme)) {
        s = s.substring(scheme.length());
      }
    }
    int at = s.lastIndexOf('@');
    if (at > 0 && Digest.isDigest(s.substring(at + 1))) {
      return new RepoDigest(s.substring(0, at), Digest.parse(s.substring(at + 1)));
    }
    if (Digest.isDigest(s)) {
      return new ConfigDigest(Digest.parse(s));
    }
    return new Unknown(imageId);
  }
}
