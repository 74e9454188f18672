package dev.drydock.vuln.cvss;

import dev.drydock.vuln.advisory.Severity;

/**
 * The base score of one CVSS vector.
 *
 * @param version {@code 2.0}, {@code 3.0}, {@code 3.1} or {@code 4.0}
 * @param vector the vector as the feed gave it
 * @param score the base score (for v4.0 vectors carrying threat or environmental metrics, the
 *     CVSS-BT/BE/BTE score the vector denotes), 0.0 to 10.0
 * @param severity the qualitative rating of {@code score} for that version
 */
public record CvssScore(String version, String vector, double score, Severity severity) {

  /** The severity source Drydock records for a rating computed from this vector: {@code cvss:3.1} … */
  public String source() {
    return "cvss:" + version;
  }

  /** Preference among vectors of one advisory: v4.0 over v3.1 over v3.0 over v2.0. */
  public int rank() {
    return switch (version) {
      case "4.0" -> 4;
      case "3.1" -> 3;
      case "3.0" -> 2;
      default -> 1;
    };
  }
}
