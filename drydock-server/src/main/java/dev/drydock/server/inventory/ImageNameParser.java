package dev.drydock.server.inventory;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The parser behind {@link ImageName#parse}: docker's reference grammar, loosely. */
final class ImageNameParser {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private ImageNameParser() {}

  static Optional<ImageName> parse(@Nullable String raw) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.length() > ImageName.MAX_LENGTH) {
      throw new IllegalArgumentException("longer than " + ImageName.MAX_LENGTH + " characters");
    }
    if (s.startsWith("sha256:")) {
      return Optional.of(new ImageName.Digest(null, null, hex(s)));
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      Reference ref = reference(s.substring(0, at), false);
      return Optional.of(new ImageName.Digest(ref.host(), ref.path(), hex(s.substring(at + 1))));
    }
    if (s.indexOf('/') < 0 && s.indexOf(':') < 0) {
      return Optional.of(new ImageName.Substring(s));
    }
    Reference ref = reference(s, true);
    if (ref.namespaceOnly()) {
      return Optional.of(new ImageName.Namespace(ref.path()));
    }
    String tag = ref.tag();
    if (tag == null) {
      return Optional.of(new ImageName.Repository(ref.host(), ref.path()));
    }
    return Optional.of(ref.host() == null && ref.path().indexOf('/') < 0
        ? new ImageName.RepoTag(ref.path(), tag)
        : new ImageName.Exact(ref.host(), ref.path(), tag));
  }

  private static String hex(String digest) {
    if (!digest.startsWith("sha256:") || !SHA256_HEX.matcher(digest.substring(7)).matches()) {
      throw new IllegalArgumentException("a digest must be sha256: followed by 64 hex digits, got \"" + digest + "\"");
    }
    return digest.substring(7).toLowerCase(Locale.ROOT);
  }

  /** A parsed {@code [host/]path[:tag]}; {@code namespaceOnly} for {@code namespace/}. */
  private record Reference(@Nullable String host, String path, @Nullable String tag, boolean namespaceOnly) {}

  private static Reference reference(String s, boolean tagAllowed) {
    String rest = s;
    String tag = null;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      rest = s.substring(0, colon);
      if (tag.isEmpty()) {
        throw new IllegalArgumentException("the tag after ':' is empty in \"" + s + "\"");
      }
      if (!tagAllowed) {
        tag = null; // repo:tag@sha256:… — the digest decides, as for docker pull
      }
    }
    String host = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")) {
        host = first;
        rest = rest.substring(slash + 1);
      }
    }
    boolean namespaceOnly = false;
    if (host == null && tag == null && !rest.isEmpty() && rest.indexOf('/') == rest.length() - 1) {
      rest = rest.substring(0, rest.length() - 1);
      namespaceOnly = true;
    }
    if (rest.isEmpty() || rest.startsWith("/") || rest.endsWith("/") || rest.contains("//")) {
      throw new IllegalArgumentException("\"" + s + "\" has an empty repository path component");
    }
    return new Reference(host, rest, tag, namespaceOnly);
  }
}
