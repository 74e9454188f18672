package dev.drydock.vuln.version;

/**
 * Semantic Versioning 2.0.0 precedence, for npm, Go modules and crates.io.
 *
 * <p>{@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}: the three numbers compare numerically; a
 * version with a pre-release sorts before the same version without; pre-release identifiers
 * compare in turn, numeric ones numerically and below alphanumeric ones, alphanumeric ones by ASCII,
 * and a longer list wins when one is a prefix of the other; build metadata is ignored (so
 * {@code 1.0.0+a} and {@code 1.0.0+b} compare equal). One leading {@code v} is tolerated, as Go
 * writes versions ({@code v1.2.3}) and npm accepts them. Go pseudo-versions
 * ({@code v0.0.0-20191109021931-daa7c04131f5}, {@code v1.2.4-0.20191109021931-daa7c04131f5}) are
 * ordinary pre-releases and order correctly; {@code +incompatible} is build metadata.
 *
 * <p>Valid: the grammar of semver.org — no leading zeros in numbers or numeric pre-release
 * identifiers, no empty identifiers, identifiers of {@code [0-9A-Za-z-]}. Numbers of any length
 * are compared exactly (npm's semver rejects those above 2⁵³−1).
 *
 * <p>Hand-written: {@code io.github.nscuro:versatile:0.7.0}'s {@code NpmVersion} delegates to the
 * unmaintained semver4j, which ordered 6 of the 1,500 rows of the npm oracle table wrongly (numeric
 * pre-release identifiers past 2³¹, such as Go pseudo-version timestamps, compared as text).
 *
 * @see <a href="https://semver.org/spec/v2.0.0.html#spec-item-11">SemVer 2.0.0 §11</a>
 */
public final class SemVerScheme implements VersionScheme {

  public static final SemVerScheme INSTANCE = new SemVerScheme();

  private SemVerScheme() {}

  @Override
  public String name() {
    return "semver";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    int[] pa = new int[5];
    int[] pb = new int[5];
    parse(a, pa);
    parse(b, pb);
    // pa: [majorStart, majorEnd(.), minorEnd(.), patchEnd, preEnd]; the pre-release is
    // [patchEnd + 1, preEnd) when patchEnd < preEnd.
    int c = Ascii.compareDigits(a, pa[0], pa[1], b, pb[0], pb[1]);
    if (c == 0) {
      c = Ascii.compareDigits(a, pa[1] + 1, pa[2], b, pb[1] + 1, pb[2]);
    }
    if (c == 0) {
      c = Ascii.compareDigits(a, pa[2] + 1, pa[3], b, pb[2] + 1, pb[3]);
    }
    if (c != 0) {
      return c;
    }
    boolean preA = pa[3] < pa[4];
    boolean preB = pb[3] < pb[4];
    if (!preA || !preB) {
      return preA == preB ? 0 : preA ? -1 : 1;
    }
    return comparePrerelease(a, pa[3] + 1, pa[4], b, pb[3] + 1, pb[4]);
  }

  /** Compares dot-separated pre-release identifier lists per SemVer §11.4. */
  static int comparePrerelease(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae && bi < be) {
      int aEnd = identEnd(a, ai, ae);
      int bEnd = identEnd(b, bi, be);
      boolean numA = Ascii.allDigits(a, ai, aEnd);
      boolean numB = Ascii.allDigits(b, bi, bEnd);
      int c;
      if (numA && numB) {
        c = Ascii.compareDigits(a, ai, aEnd, b, bi, bEnd);
      } else if (numA != numB) {
        c = numA ? -1 : 1;
      } else {
        c = Ascii.compareRange(a, ai, aEnd, b, bi, bEnd);
      }
      if (c != 0) {
        return c;
      }
      ai = aEnd + 1;
      bi = bEnd + 1;
    }
    boolean moreA = ai < ae;
    boolean moreB = bi < be;
    return moreA == moreB ? 0 : moreA ? 1 : -1;
  }

  private static int identEnd(String s, int from, int end) {
    int i = from;
    while (i < end && s.charAt(i) != '.') {
      i++;
    }
    return i;
  }

  private static void parse(String v, int[] out) throws InvalidVersionException {
    int n = v.length();
    int i = n > 0 && v.charAt(0) == 'v' ? 1 : 0;
    out[0] = i;
    for (int part = 1; part <= 3; part++) {
      int start = i;
      while (i < n && Ascii.isDigit(v.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw invalid(v, "expected MAJOR.MINOR.PATCH");
      }
      if (v.charAt(start) == '0' && i - start > 1) {
        throw invalid(v, "leading zero in a version number");
      }
      out[part] = i;
      if (part < 3) {
        if (i >= n || v.charAt(i) != '.') {
          throw invalid(v, "expected MAJOR.MINOR.PATCH");
        }
        i++;
      }
    }
    out[4] = i;
    if (i < n && v.charAt(i) == '-') {
      i = identifiers(v, i + 1, true);
      out[4] = i;
    }
    if (i < n && v.charAt(i) == '+') {
      i = identifiers(v, i + 1, false);
    }
    if (i != n) {
      throw invalid(v, "unexpected '" + v.charAt(i) + "'");
    }
  }

  /** Reads dot-separated identifiers from {@code i}; returns the index after them. */
  private static int identifiers(String v, int i, boolean prerelease) throws InvalidVersionException {
    int n = v.length();
    while (true) {
      int start = i;
      boolean numeric = true;
      while (i < n) {
        char c = v.charAt(i);
        if (Ascii.isDigit(c)) {
          // fine
        } else if (Ascii.isLetter(c) || c == '-') {
          numeric = false;
        } else {
          break;
        }
        i++;
      }
      if (i == start) {
        throw invalid(v, prerelease ? "empty pre-release identifier" : "empty build identifier");
      }
      if (prerelease && numeric && v.charAt(start) == '0' && i - start > 1) {
        throw invalid(v, "leading zero in a numeric pre-release identifier");
      }
      if (i < n && v.charAt(i) == '.') {
        i++;
        continue;
      }
      return i;
    }
  }

  private static InvalidVersionException invalid(String v, String reason) {
    return new InvalidVersionException("semver", v, reason);
  }
}
