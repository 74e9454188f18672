package dev.drydock.vuln.version;

/**
 * NuGet package versions, ordered as NuGet.Versioning's default {@code VersionComparer} orders
 * them: SemVer 2.0.0 extended with NuGet's legacy forms.
 *
 * <p>{@code N[.N[.N[.N]]][-label(.label)*][+metadata]}: one to four numbers (missing ones are 0, so
 * {@code 1 == 1.0 == 1.0.0 == 1.0.0.0}; leading zeros are allowed, {@code 1.01 == 1.1}), compared
 * numerically; a version with release labels sorts before the same version without; labels compare
 * in turn, a label that is a 32-bit integer numerically and before any other label, other labels
 * case-insensitively ({@code 1.0.0-BETA == 1.0.0-beta}); more labels win when one list is a prefix
 * of the other; metadata is ignored.
 *
 * <p>Valid: numbers that fit a non-negative 32-bit int, labels and metadata of
 * {@code [0-9A-Za-z-]} separated by dots, none empty.
 *
 * <p>Hand-written: NuGet.Versioning is a .NET library with no Java port on Maven Central
 * ({@code io.github.nscuro:versatile:0.7.0} maps NuGet to a generic ordering).
 *
 * @see <a href="https://learn.microsoft.com/en-us/nuget/concepts/package-versioning">NuGet package versioning</a>
 */
public final class NuGetVersion implements VersionScheme {

  public static final NuGetVersion INSTANCE = new NuGetVersion();

  private NuGetVersion() {}

  @Override
  public String name() {
    return "nuget";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    int[] na = new int[6];
    int[] nb = new int[6];
    parse(a, na);
    parse(b, nb);
    for (int i = 0; i < 4; i++) {
      int c = Integer.compare(na[i], nb[i]);
      if (c != 0) {
        return c;
      }
    }
    // na[4], na[5]: the release labels' range (empty when na[4] == na[5]).
    boolean preA = na[4] < na[5];
    boolean preB = nb[4] < nb[5];
    if (!preA || !preB) {
      return preA == preB ? 0 : preA ? -1 : 1;
    }
    int ai = na[4];
    int bi = nb[4];
    while (ai < na[5] && bi < nb[5]) {
      int ae = labelEnd(a, ai, na[5]);
      int be = labelEnd(b, bi, nb[5]);
      int c = compareLabel(a, ai, ae, b, bi, be);
      if (c != 0) {
        return c;
      }
      ai = ae + 1;
      bi = be + 1;
    }
    boolean moreA = ai < na[5];
    boolean moreB = bi < nb[5];
    return moreA == moreB ? 0 : moreA ? 1 : -1;
  }

  private static int labelEnd(String s, int i, int end) {
    while (i < end && s.charAt(i) != '.') {
      i++;
    }
    return i;
  }

  /** NuGet's CompareRelease: Int32.TryParse labels numerically and first, the rest ignoring case. */
  private static int compareLabel(String a, int as, int ae, String b, int bs, int be) {
    long x = int32(a, as, ae);
    long y = int32(b, bs, be);
    if (x != Long.MIN_VALUE && y != Long.MIN_VALUE) {
      return Long.compare(x, y);
    }
    if (x != Long.MIN_VALUE || y != Long.MIN_VALUE) {
      return x != Long.MIN_VALUE ? -1 : 1;
    }
    int n = Math.min(ae - as, be - bs);
    for (int i = 0; i < n; i++) {
      char ca = Character.toUpperCase(a.charAt(as + i));
      char cb = Character.toUpperCase(b.charAt(bs + i));
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    return Integer.compare(ae - as, be - bs);
  }

  /** The label as Int32.TryParse reads it (optional '-' sign, digits), or Long.MIN_VALUE. */
  private static long int32(String s, int from, int to) {
    int i = from;
    boolean negative = i < to && s.charAt(i) == '-';
    if (negative) {
      i++;
    }
    if (i >= to || to - i > 11) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (!Ascii.isDigit(c)) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + (c - '0');
    }
    v = negative ? -v : v;
    return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? Long.MIN_VALUE : v;
  }

  /** out: major, minor, patch, revision, labelsStart, labelsEnd. */
  private static void parse(String v, int[] out) throws InvalidVersionException {
    int n = v.length();
    int i = 0;
    int part = 0;
    while (true) {
      int start = i;
      long value = 0;
      while (i < n && Ascii.isDigit(v.charAt(i))) {
        value = value * 10 + (v.charAt(i) - '0');
        if (value > Integer.MAX_VALUE) {
          throw invalid(v, "version number too large");
        }
        i++;
      }
      if (i == start) {
        throw invalid(v, "expected a number");
      }
      out[part++] = (int) value;
      if (i < n && v.charAt(i) == '.' && part < 4) {
        i++;
        continue;
      }
      break;
    }
    out[4] = i;
    out[5] = i;
    if (i < n && v.charAt(i) == '-') {
      out[4] = i + 1;
      i = identifiers(v, i + 1);
      out[5] = i;
    }
    if (i < n && v.charAt(i) == '+') {
      i = identifiers(v, i + 1);
    }
    if (i != n) {
      throw invalid(v, "unexpected '" + v.charAt(i) + "'");
    }
  }

  private static int identifiers(String v, int i) throws InvalidVersionException {
    int n = v.length();
    while (true) {
      int start = i;
      while (i < n && (Ascii.isAlnum(v.charAt(i)) || v.charAt(i) == '-')) {
        i++;
      }
      if (i == start) {
        throw invalid(v, "empty label");
      }
      if (i < n && v.charAt(i) == '.') {
        i++;
        continue;
      }
      return i;
    }
  }

  private static InvalidVersionException invalid(String v, String reason) {
    return new InvalidVersionException("nuget", v, reason);
  }
}
