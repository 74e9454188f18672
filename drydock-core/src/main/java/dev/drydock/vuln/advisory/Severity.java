package dev.drydock.vuln.advisory;

import java.util.Locale;

/** Severity of a vulnerability, highest first. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN;

  /** Parses a severity name case-insensitively ({@code moderate} is MEDIUM, as GitHub says it); else UNKNOWN. */
  public static Severity parse(String s) {
    return switch (s.trim().toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> CRITICAL;
      case "HIGH", "IMPORTANT" -> HIGH;
      case "MEDIUM", "MODERATE" -> MEDIUM;
      case "LOW", "NEGLIGIBLE", "MINOR" -> LOW;
      default -> UNKNOWN;
    };
  }

  /** The CVSS v3/v4 qualitative rating of a base score. */
  public static Severity fromCvssScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    if (score > 0.0) {
      return LOW;
    }
    return UNKNOWN;
  }

  /** Whether this severity is at least as severe as {@code other} (UNKNOWN is the least severe). */
  public boolean atLeast(Severity other) {
    return ordinal() <= other.ordinal();
  }
}
