package dev.drydock.server.auth.ram;

/**
 * RAM's wildcard match: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one; everything else matches itself. Written by hand because it is a dozen lines and must not
 * backtrack exponentially (no regular expressions built from policy text): the classic greedy
 * match with one backtrack point runs in O(pattern × value) at worst.
 */
final class Wildcard {
  private Wildcard() {}

  static boolean matches(String pattern, String value, boolean ignoreCase) {
    int p = 0;
    int v = 0;
    int star = -1;
    int mark = 0;
    while (v < value.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = v;
      } else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
        p++;
        v++;
      } else if (star >= 0) {
        p = star + 1;
        v = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
  }
}
