package dev.drydock.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest as defined by the OCI image spec ("algorithm:encoded").
 *
 * <p>Only {@code sha256} and {@code sha512} are accepted: those are the algorithms the image spec
 * registers, and anything else cannot be verified.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI digests</a>
 */
public record Digest(String algorithm, String encoded) {

  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    switch (algorithm) {
      case "sha256" -> require(SHA256, encoded, algorithm);
      case "sha512" -> require(SHA512, encoded, algorithm);
      default -> throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    }
  }

  private static void require(Pattern p, String encoded, String algorithm) {
    if (!p.matcher(encoded).matches()) {
      throw new IllegalArgumentException("malformed " + algorithm + " digest: " + encoded);
    }
  }

  /** Parses {@code sha256:<64 lowercase hex>}; throws IllegalArgumentException with the input on failure. */
  public static Digest parse(String s) {
    int colon = s.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("malformed digest: " + s);
    }
    return new Digest(s.substring(0, colon), s.substring(colon + 1));
  }

  /** Whether {@code s} is a well-formed digest that {@link #parse} would accept. */
  public static boolean isDigest(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
  }

  /** A fresh message digest for this digest's algorithm. */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first 12 hex characters, as docker prints short ids. */
  public String shortHex() {
    return encoded.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + encoded;
  }
}
