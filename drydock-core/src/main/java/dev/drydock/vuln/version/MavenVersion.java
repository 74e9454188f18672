package dev.drydock.vuln.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven versions, ordered by Maven's own {@link ComparableVersion} (maven-artifact), the ordering
 * Maven resolves ranges with and the one OSV specifies for the Maven ecosystem.
 *
 * <p>Items split at {@code .}, {@code -} and digit/letter transitions; trailing "null" items
 * ({@code 0}, {@code ""}, {@code final}, {@code ga}, {@code release}) are dropped; numbers compare
 * numerically; known qualifiers order {@code alpha < beta < milestone < rc = cr < snapshot <
 * (release) < sp}, unknown qualifiers after them, case-insensitively; {@code a1}, {@code b1},
 * {@code m1} abbreviate alpha, beta and milestone. So {@code 1-alpha < 1-SNAPSHOT < 1 = 1.0 = 1-ga
 * < 1-sp < 1.1}.
 *
 * <p>ComparableVersion accepts any string; this class rejects the empty string, whitespace and
 * control characters, and Maven range syntax ({@code [ ] ( ) ,}), which signal that something other
 * than a version was passed.
 *
 * <p>Uses the library: maven-artifact is Maven's reference implementation, so this class orders
 * exactly as Maven resolves, quirks included. Each comparison parses both strings
 * (ComparableVersion allocates its item lists).
 *
 * <p>Limit: ComparableVersion is a total order on ordinary versions (numbers, then one
 * {@code -qualifier} with an optional number and {@code -SNAPSHOT}, or {@code .Final},
 * {@code .RELEASE}, {@code -GA}), which the property test checks, but not on stranger mixes: with a
 * qualifier after {@code .} in one version and after {@code -} in another ({@code 1.a.2 <= 1-rc <=
 * 1.0} yet {@code 1.a.2 > 1.0}), or a release qualifier followed by more items
 * ({@code 0-Final-SNAPSHOT}), it is not transitive (maven-artifact 3.9.11). This class does not
 * paper over that: advisories are written against Maven's behaviour.
 *
 * @see <a href="https://maven.apache.org/pom.html#version-order-specification">Maven version order</a>
 */
public final class MavenVersion implements VersionScheme {

  public static final MavenVersion INSTANCE = new MavenVersion();

  private MavenVersion() {}

  @Override
  public String name() {
    return "maven";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    check(a);
    check(b);
    if (a.equals(b)) {
      return 0;
    }
    return Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
  }

  private static void check(String v) throws InvalidVersionException {
    if (v.isEmpty()) {
      throw new InvalidVersionException("maven", v, "empty");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidVersionException("maven", v, "whitespace or control character");
      }
      if (c == '[' || c == ']' || c == '(' || c == ')' || c == ',') {
        throw new InvalidVersionException("maven", v, "a version range, not a version");
      }
    }
  }
}
