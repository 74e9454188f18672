package dev.drydock.vuln.cvss;

import dev.drydock.vuln.advisory.Severity;
import us.springett.cvss.CvssV2;
import us.springett.cvss.CvssV3;
import us.springett.cvss.CvssV3_1;
import us.springett.cvss.CvssV4;

/**
 * Scores CVSS vectors of every version feeds use, with Steve Springett's maintained
 * {@code cvss-calculator} (v2, v3.0, v3.1 and v4.0; its v4.0 implementation carries FIRST's
 * MacroVector lookup table). {@code CvssTest} checks it against FIRST's published examples and
 * reference vectors computed by FIRST's calculator.
 *
 * <p>Ratings: v3.x and v4.0 use the specifications' qualitative scale (None 0.0, Low 0.1–3.9,
 * Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0; "None" becomes {@link Severity#UNKNOWN}); v2.0
 * has no qualitative scale of its own, so NVD's (Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0) is used.
 *
 * @see <a href="https://www.first.org/cvss/v4-0/specification-document">CVSS v4.0 specification</a>
 * @see <a href="https://www.first.org/cvss/v3-1/specification-document">CVSS v3.1 specification</a>
 * @see <a href="https://www.first.org/cvss/v2/guide">CVSS v2 guide</a>
 * @see <a href="https://nvd.nist.gov/vuln-metrics/cvss">NVD severity ratings</a>
 */
public final class Cvss {

  private Cvss() {}

  /**
   * Scores a vector: {@code CVSS:4.0/…}, {@code CVSS:3.1/…}, {@code CVSS:3.0/…}, or a v2 vector
   * ({@code AV:N/AC:L/Au:N/C:P/I:P/A:P}, optionally wrapped in parentheses or prefixed
   * {@code CVSS:2.0/}).
   *
   * @throws IllegalArgumentException naming the problem when the vector is not a valid vector of
   *     any of those versions
   */
  public static CvssScore score(String vector) {
    String v = vector.strip();
    if (v.startsWith("(") && v.endsWith(")")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.startsWith("CVSS:2.0/")) {
      v = v.substring("CVSS:2.0/".length());
    }
    if (v.isEmpty()) {
      throw new IllegalArgumentException("empty CVSS vector");
    }
    us.springett.cvss.Cvss parsed;
    double score;
    try {
      parsed = us.springett.cvss.Cvss.fromVector(v);
      score = parsed == null ? Double.NaN : parsed.calculateScore().getBaseScore();
    } catch (RuntimeException e) {
      // the library reports bad vectors with MalformedVectorException; anything else it throws on
      // a strange vector must not abort an import either
      throw new IllegalArgumentException("invalid CVSS vector " + vector + ": " + e.getMessage(), e);
    }
    if (parsed == null) {
      throw new IllegalArgumentException("not a CVSS v2, v3.x or v4.0 vector: " + vector);
    }
    return switch (parsed) {
      case CvssV4 x -> new CvssScore("4.0", vector, score, Severity.fromCvssScore(score));
      case CvssV3_1 x -> new CvssScore("3.1", vector, score, Severity.fromCvssScore(score));
      case CvssV3 x -> new CvssScore("3.0", vector, score, Severity.fromCvssScore(score));
      case CvssV2 x -> new CvssScore("2.0", vector, score, v2Rating(score));
      default -> throw new IllegalArgumentException("unsupported CVSS version: " + vector);
    };
  }

  /** NVD's rating of a v2 base score. */
  static Severity v2Rating(double score) {
    if (score >= 7.0) {
      return Severity.HIGH;
    }
    if (score >= 4.0) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }
}
