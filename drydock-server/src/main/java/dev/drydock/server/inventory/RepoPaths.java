package dev.drydock.server.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * How a registry repository path becomes the inventory's RepoNamespace / RepoName, and the stable
 * identifiers derived from it (reference §1.7: {@code RepoId}, {@code Uuid}).
 *
 * <p><b>Namespace rule.</b> The path is split at its first {@code /}: {@code team/app} →
 * ({@code team}, {@code app}), {@code team/sub/app} → ({@code team}, {@code sub/app}). A path
 * without {@code /} (plain distribution registries allow {@code alpine}) gets the <em>empty</em>
 * namespace: ({@code ""}, {@code alpine}). Not {@code library}: that would collide with a real
 * {@code library/alpine} in the same registry and could not be pulled back under the name shown.
 * The split is lossless: {@link #join} gives back the registry path.
 *
 * <p><b>RepoId</b>: {@code crr-} + the first 16 hex digits of SHA-256 over the registry id and
 * the repository path; stable across syncs, distinct per registry.
 *
 * <p><b>Uuid</b>: a name-based (version 5, SHA-1) UUID of registry id, repository path and tag,
 * so a re-sync, or a tag that moves to a new digest, keeps the image's Uuid.
 *
 * <p>Images that run in a cluster but are in no registered registry ({@code NOT_IN_SAS}) have no
 * registry id: their RepoId and Uuid derive from the registry host their reference names instead
 * ({@link #runningRepoId}, {@link #runningImageUuid}), in separate name spaces.
 */
public final class RepoPaths {

  /** The namespace of Drydock's image UUIDs (a random constant). */
  static final UUID IMAGE_NAMESPACE = UUID.fromString("0b6d1b7e-5f3c-4b8e-9a61-2f4d8c3e7a15");

  private RepoPaths() {}

  /** A repository's namespace and name. */
  public record Split(String namespace, String name) {}

  /** Splits a registry repository path ({@code team/app}) at its first {@code /}. */
  public static Split split(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("not a repository path: \"" + path + "\"");
    }
    int slash = path.indexOf('/');
    return slash < 0 ? new Split("", path) : new Split(path.substring(0, slash), path.substring(slash + 1));
  }

  /** The registry path of a namespace and name: the inverse of {@link #split}. */
  public static String join(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** {@code crr-} + 16 hex digits, stable for a registry and repository path. */
  public static String repoId(long registryId, String path) {
    byte[] h = sha("SHA-256", ("drydock-repo\0" + registryId + "\0" + path).getBytes(StandardCharsets.UTF_8));
    return "crr-" + HexFormat.of().formatHex(h, 0, 8);
  }

  /** A version 5 UUID of registry id, repository path and tag. */
  public static String imageUuid(long registryId, String path, String tag) {
    return uuid5(registryId + "/" + path + ":" + tag);
  }

  /** {@code crr-} + 16 hex digits for a running image's repository, from its registry host and path. */
  public static String runningRepoId(String host, String path) {
    byte[] h = sha("SHA-256", ("drydock-running-repo\0" + host + "\0" + path).getBytes(StandardCharsets.UTF_8));
    return "crr-" + HexFormat.of().formatHex(h, 0, 8);
  }

  /** A version 5 UUID of a running image's registry host, repository path and tag label. */
  public static String runningImageUuid(String host, String path, String tag) {
    return uuid5("running\0" + host + "/" + path + ":" + tag);
  }

  private static String uuid5(String text) {
    byte[] name = text.getBytes(StandardCharsets.UTF_8);
    byte[] ns = ByteBuffer.allocate(16).putLong(IMAGE_NAMESPACE.getMostSignificantBits())
        .putLong(IMAGE_NAMESPACE.getLeastSignificantBits()).array();
    byte[] in = ByteBuffer.allocate(16 + name.length).put(ns).put(name).array();
    byte[] h = sha("SHA-1", in);
    h[6] = (byte) ((h[6] & 0x0f) | 0x50); // version 5
    h[8] = (byte) ((h[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  private static byte[] sha(String algorithm, byte[] in) {
    try {
      return MessageDigest.getInstance(algorithm).digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
