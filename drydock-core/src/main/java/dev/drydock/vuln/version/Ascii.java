package dev.drydock.vuln.version;

/** Allocation-free ASCII helpers shared by the hand-written comparators. */
final class Ascii {

  private Ascii() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  static char toLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  static boolean allDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares two runs of decimal digits by numeric value, of any length: leading zeros are
   * ignored, then the longer run is larger, then the first differing digit decides.
   */
  static int compareDigits(String a, int as, int ae, String b, int bs, int be) {
    while (as < ae && a.charAt(as) == '0') {
      as++;
    }
    while (bs < be && b.charAt(bs) == '0') {
      bs++;
    }
    int la = ae - as;
    int lb = be - bs;
    if (la != lb) {
      return la < lb ? -1 : 1;
    }
    for (int i = 0; i < la; i++) {
      char ca = a.charAt(as + i);
      char cb = b.charAt(bs + i);
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    return 0;
  }

  /** {@link #compareDigits} on whole strings. */
  static int compareDigits(String a, String b) {
    return compareDigits(a, 0, a.length(), b, 0, b.length());
  }

  /** Byte-wise (ASCII) comparison of two ranges, a shorter prefix first, as C's memcmp then length. */
  static int compareRange(String a, int as, int ae, String b, int bs, int be) {
    int n = Math.min(ae - as, be - bs);
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(as + i);
      char cb = b.charAt(bs + i);
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    return Integer.compare(ae - as, be - bs);
  }

  /** Digits with leading zeros removed ({@code "0"} for zero): the canonical form of a number. */
  static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return i == 0 ? digits : digits.substring(i);
  }

  static int sign(int x) {
    return Integer.signum(x);
  }
}
