package dev.drydock.check.secret;

/**
 * Masks secret values for reports. A masked value keeps a short prefix, enough to tell a GitHub
 * token from a Slack token or to find the line, and replaces the rest with {@code ****}: never
 * more than a quarter of the value, and never more than the rule allows. Every piece of secret
 * text that leaves this package goes through here.
 */
public final class Mask {

  /** What replaces the hidden part of a value. */
  public static final String STARS = "****";

  private Mask() {}

  /**
   * {@code secret} with at most {@code reveal} leading characters (and at most a quarter of its
   * length) kept, followed by {@link #STARS}.
   */
  public static String mask(String secret, int reveal) {
    int shown = Math.max(0, Math.min(reveal, secret.length() / 4));
    // Do not cut a surrogate pair in half.
    if (shown > 0 && Character.isHighSurrogate(secret.charAt(shown - 1))) {
      shown--;
    }
    return secret.substring(0, shown) + STARS;
  }
}
