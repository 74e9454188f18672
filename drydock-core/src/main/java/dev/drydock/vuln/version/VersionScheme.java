package dev.drydock.vuln.version;

/**
 * The ordering of versions in one ecosystem (dpkg, rpm, apk, SemVer, Maven, PEP 440 …).
 *
 * <p>{@link #compare} throws {@link InvalidVersionException} for a string that is not a version
 * of this scheme: a matcher must turn that into a diagnostic, never into "not vulnerable".
 * Implementations are stateless and thread-safe.
 */
public interface VersionScheme {

  /** A short name for messages, e.g. {@code dpkg}. */
  String name();

  /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}. */
  int compare(String a, String b) throws InvalidVersionException;

  /** Whether {@code v} is a valid version of this scheme. */
  default boolean isValid(String v) {
    try {
      compare(v, v);
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }
}
