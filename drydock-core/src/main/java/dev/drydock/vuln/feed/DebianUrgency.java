package dev.drydock.vuln.feed;

import dev.drydock.vuln.advisory.Severity;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Debian's urgency words as severities. The tracker marks urgencies it derived from NVD with
 * trailing asterisks ({@code high**}); those are stripped.
 *
 * @see <a href="https://security-team.debian.org/security_tracker.html#severity-levels">Debian severity levels</a>
 */
public final class DebianUrgency {

  /** The severity source recorded for ratings taken from an urgency. */
  public static final String SOURCE = "debian-urgency";

  private DebianUrgency() {}

  /** The urgency without NVD-derivation asterisks, lower case. */
  public static String normalise(String urgency) {
    return urgency.strip().replaceAll("\\*+$", "").strip().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code high}→HIGH, {@code medium}→MEDIUM, {@code low} and {@code unimportant}→LOW,
   * {@code not yet assigned} and {@code end-of-life}→UNKNOWN; null for a word Debian does not use.
   */
  public static @Nullable Severity severity(String urgency) {
    return switch (normalise(urgency)) {
      case "high" -> Severity.HIGH;
      case "medium" -> Severity.MEDIUM;
      case "low", "unimportant" -> Severity.LOW;
      case "not yet assigned", "end-of-life" -> Severity.UNKNOWN;
      default -> null;
    };
  }
}
