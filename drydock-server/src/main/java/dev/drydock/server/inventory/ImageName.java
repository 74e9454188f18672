package dev.drydock.server.inventory;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What ListImageRisk's {@code ImageName} selects. A complete reference selects exactly; a bare
 * word searches:
 *
 * <table>
 *   <caption>ImageName forms</caption>
 *   <tr><th>ImageName</th><th>selects</th></tr>
 *   <tr><td>{@code namespace/repo:tag}</td><td>exactly that image ({@link Exact})</td></tr>
 *   <tr><td>{@code repo:tag}</td><td>RepoName {@code repo} with that Tag, in every namespace (so
 *       {@code alpine:3.19} finds {@code library/alpine:3.19} and a namespace-less {@code alpine:3.19})
 *       ({@link RepoTag})</td></tr>
 *   <tr><td>{@code namespace/repo}</td><td>every tag of that repository ({@link Repository})</td></tr>
 *   <tr><td>{@code namespace/}</td><td>every repository of that namespace ({@link Namespace})</td></tr>
 *   <tr><td>{@code …@sha256:<hex>}, {@code sha256:<hex>}</td><td>the images with that manifest
 *       digest (in that repository, when one is named) ({@link Digest})</td></tr>
 *   <tr><td>any other text (no {@code /}, no {@code :})</td><td>a case-insensitive substring of
 *       {@code namespace/repo:tag}: {@code nginx} finds {@code library/nginx:1.25} and
 *       {@code team/nginx-proxy:2}, {@code 1.25} every 1.25 tag ({@link Substring})</td></tr>
 * </table>
 *
 * <p>A leading registry host, as {@code docker pull} takes it (a first component with a {@code .}
 * or a {@code :}, or {@code localhost}), limits the match to images of the registry known by that
 * DomainName or RegistryHostIp authority: {@code 127.0.0.1:5000/team/app:1.0}. With a host the
 * path is always exact ({@code host/alpine:3.19} is the namespace-less {@code alpine}). Exact
 * forms compare case-sensitively (repository names are lower-case by the distribution spec; tags
 * are case-sensitive). Surrounding whitespace is ignored; an empty ImageName selects everything.
 */
public sealed interface ImageName {

  /** The longest ImageName accepted. */
  int MAX_LENGTH = 512;

  /** {@code [host/]path:tag} with a path that contains {@code /}, or any path under a host. */
  record Exact(@Nullable String host, String path, String tag) implements ImageName {}

  /** {@code repo:tag}: RepoName and Tag, any namespace. */
  record RepoTag(String repoName, String tag) implements ImageName {}

  /** {@code [host/]namespace/repo}: every tag of one repository path. */
  record Repository(@Nullable String host, String path) implements ImageName {}

  /** {@code namespace/}: every repository of a namespace. */
  record Namespace(String namespace) implements ImageName {}

  /** A manifest digest (hex), optionally within one repository path. */
  record Digest(@Nullable String host, @Nullable String path, String hex) implements ImageName {}

  /** A case-insensitive substring of {@code namespace/repo:tag}. */
  record Substring(String text) implements ImageName {}

  /**
   * Parses an ImageName; empty when blank.
   *
   * @throws IllegalArgumentException with the reason, when the text is a malformed reference
   *     (too long, an empty tag or path component, a digest that is not {@code sha256:} + 64 hex)
   */
  static Optional<ImageName> parse(@Nullable String raw) {
    return ImageNameParser.parse(raw);
  }
}
