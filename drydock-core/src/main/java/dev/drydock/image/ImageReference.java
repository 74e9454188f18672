package dev.drydock.image;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A registry image reference: {@code host[:port]/repository[:tag][@digest]}.
 *
 * <p>Follows the grammar of distribution's {@code reference} package: the first path component is
 * a registry host only when it contains a {@code .} or a {@code :} or is {@code localhost};
 * otherwise the image is on Docker Hub ({@code docker.io}), and a single-component Docker Hub name
 * is an official image under {@code library/}. A reference with neither tag nor digest means
 * {@code :latest}. When both are given the digest is what gets pulled.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/reference.go">distribution reference grammar</a>
 */
public record ImageReference(String registry, String repository, @Nullable String tag, @Nullable Digest digest) {

  public static final String DOCKER_HUB = "docker.io";
  /** The host that actually serves Docker Hub's registry API. */
  public static final String DOCKER_HUB_API = "registry-1.docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern HOST = Pattern.compile(
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

  public ImageReference {
    if (!HOST.matcher(registry).matches()) {
      throw new IllegalArgumentException("invalid registry host: " + registry);
    }
    if (repository.isEmpty() || repository.length() > 255) {
      throw new IllegalArgumentException("invalid repository name: " + repository);
    }
    for (String c : repository.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new IllegalArgumentException("invalid repository name: " + repository);
      }
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("invalid tag: " + tag);
    }
  }

  /**
   * Parses a reference such as {@code nginx}, {@code 127.0.0.1:5000/team/app:1.0} or
   * {@code quay.io/org/app@sha256:…}. Throws IllegalArgumentException naming the input.
   */
  public static ImageReference parse(String input) {
    String s = input.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty image reference");
    }
    try {
      Digest digest = null;
      int at = s.indexOf('@');
      if (at >= 0) {
        digest = Digest.parse(s.substring(at + 1));
        s = s.substring(0, at);
      }
      String tag = null;
      int lastSlash = s.lastIndexOf('/');
      int colon = s.lastIndexOf(':');
      if (colon > lastSlash) {
        tag = s.substring(colon + 1);
        s = s.substring(0, colon);
      }
      String registry;
      String repository;
      int firstSlash = s.indexOf('/');
      String first = firstSlash < 0 ? "" : s.substring(0, firstSlash);
      if (firstSlash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
        registry = first;
        repository = s.substring(firstSlash + 1);
      } else {
        registry = DOCKER_HUB;
        repository = s;
      }
      if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API)) {
        registry = DOCKER_HUB;
      }
      if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
        repository = "library/" + repository;
      }
      if (tag == null && digest == null) {
        tag = "latest";
      }
      return new ImageReference(registry, repository, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid image reference \"" + input + "\": " + e.getMessage(), e);
    }
  }

  /** The tag or digest to ask the registry for: the digest when there is one. */
  public String manifestReference() {
    return digest != null ? digest.toString() : java.util.Objects.requireNonNull(tag);
  }

  /** The host:port the Distribution API is served on (Docker Hub's differs from its name). */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  public ImageReference withDigest(Digest d) {
    return new ImageReference(registry, repository, tag, d);
  }

  /** {@code registry/repository}, without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name());
    if (tag != null) {
      b.append(':').append(tag);
    }
    if (digest != null) {
      b.append('@').append(digest);
    }
    return b.toString();
  }
}
