package dev.drydock.vuln.version;

/**
 * Alpine package versions, {@code digit{.digit}…{letter}{_suffix{number}}…{~hash}{-rN}}, ordered as
 * apk-tools (2.14 and 3.x, {@code src/version.c}) orders them.
 *
 * <p>The versions are read token by token: the first number, further {@code .}-numbers, one
 * lower-case letter, {@code _} suffixes each with an optional number, a {@code ~} commit hash and
 * the {@code -r} package revision. While both versions have tokens of the same kind they are
 * compared by value: numbers numerically, except that a non-initial number with a leading zero is
 * compared as a string ({@code 1.01 < 1.1}, {@code 8.2.0 < 8.2.001}); suffixes in the order
 * {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p}; hashes as strings.
 * When the kinds differ, a pre-release suffix ({@code _alpha} … {@code _rc}) sorts first; otherwise
 * the version whose next token comes earlier in the grammar is the greater one, so
 * {@code 1.0 < 1.0a < 1.0.1} and {@code 1.0_rc1 < 1.0 < 1.0-r1 < 1.0_p1}.
 *
 * <p>Valid: exactly what apk-tools' {@code apk_version_validate} accepts (suffix names are the ten
 * above, letters are lower case, hashes lower-case hex, {@code -r} needs a number and ends the
 * version). Numbers longer than 19 digits are compared exactly, where apk's {@code uint64_t} would
 * wrap.
 *
 * <p>Hand-written: no maintained Java library implements apk's ordering
 * ({@code io.github.nscuro:versatile:0.7.0} maps its ALPINE scheme to a generic ordering).
 *
 * @see <a href="https://gitlab.alpinelinux.org/alpine/apk-tools/-/blob/master/src/version.c">apk-tools version.c</a>
 */
public final class ApkVersion implements VersionScheme {

  public static final ApkVersion INSTANCE = new ApkVersion();

  // Token kinds, in apk's order: the order is the semantics of the tail comparison.
  static final int INITIAL_DIGIT = 0;
  static final int DIGIT = 1;
  static final int LETTER = 2;
  static final int SUFFIX = 3;
  static final int SUFFIX_NO = 4;
  static final int COMMIT_HASH = 5;
  static final int REVISION_NO = 6;
  static final int END = 7;
  static final int INVALID = 8;

  // Suffix values; NONE is the pivot between pre- and post-release suffixes.
  private static final int SUFFIX_INVALID = 0;
  private static final int SUFFIX_ALPHA = 1;
  private static final int SUFFIX_BETA = 2;
  private static final int SUFFIX_PRE = 3;
  private static final int SUFFIX_RC = 4;
  private static final int SUFFIX_NONE = 5;
  private static final int SUFFIX_CVS = 6;
  private static final int SUFFIX_SVN = 7;
  private static final int SUFFIX_GIT = 8;
  private static final int SUFFIX_HG = 9;
  private static final int SUFFIX_P = 10;

  private ApkVersion() {}

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    validate(a);
    validate(b);
    Tokens ta = new Tokens(a);
    Tokens tb = new Tokens(b);
    ta.first();
    tb.first();
    while (ta.token == tb.token && ta.token < END) {
      int r = tokenCompare(ta, tb);
      if (r != 0) {
        return r;
      }
      ta.next();
      tb.next();
    }
    if (ta.token == tb.token) {
      return 0;
    }
    if (ta.token == SUFFIX && ta.suffix < SUFFIX_NONE) {
      return -1;
    }
    if (tb.token == SUFFIX && tb.suffix < SUFFIX_NONE) {
      return 1;
    }
    return ta.token > tb.token ? -1 : 1;
  }

  private static void validate(String v) throws InvalidVersionException {
    Tokens t = new Tokens(v);
    for (t.first(); t.token < END; t.next()) {
      // walk
    }
    if (t.token != END) {
      throw new InvalidVersionException("apk", v, "not digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}");
    }
  }

  private static int tokenCompare(Tokens ta, Tokens tb) {
    return switch (ta.token) {
      case DIGIT -> ta.s.charAt(ta.start) == '0' || tb.s.charAt(tb.start) == '0'
          ? Ascii.compareRange(ta.s, ta.start, ta.end, tb.s, tb.start, tb.end)
          : Ascii.compareDigits(ta.s, ta.start, ta.end, tb.s, tb.start, tb.end);
      case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> Ascii.compareDigits(ta.s, ta.start, ta.end, tb.s, tb.start, tb.end);
      case LETTER -> Integer.compare(ta.s.charAt(ta.start), tb.s.charAt(tb.start));
      case SUFFIX -> Integer.compare(ta.suffix, tb.suffix);
      default -> Ascii.compareRange(ta.s, ta.start, ta.end, tb.s, tb.start, tb.end);
    };
  }

  /** A cursor over one version's tokens; {@code [start, end)} is the current token's value. */
  private static final class Tokens {
    final String s;
    int pos;
    int token;
    int suffix;
    int start;
    int end;

    Tokens(String s) {
      this.s = s;
    }

    void first() {
      token = INITIAL_DIGIT;
      digits();
    }

    private void digits() {
      start = pos;
      while (pos < s.length() && Ascii.isDigit(s.charAt(pos))) {
        pos++;
      }
      end = pos;
      if (start == end) {
        token = INVALID;
      }
    }

    void next() {
      if (pos >= s.length()) {
        token = END;
        return;
      }
      char c = s.charAt(pos);
      if (Ascii.isLower(c)) {
        if (token > DIGIT) {
          token = INVALID;
          return;
        }
        start = pos;
        end = ++pos;
        token = LETTER;
      } else if (c == '.' || Ascii.isDigit(c)) {
        if (c == '.') {
          if (token > DIGIT) {
            token = INVALID;
            return;
          }
          pos++;
        }
        switch (token) {
          case INITIAL_DIGIT, DIGIT -> token = DIGIT;
          case SUFFIX -> token = SUFFIX_NO;
          default -> {
            token = INVALID;
            return;
          }
        }
        digits();
      } else if (c == '_') {
        if (token > SUFFIX_NO) {
          token = INVALID;
          return;
        }
        start = ++pos;
        while (pos < s.length() && Ascii.isLower(s.charAt(pos))) {
          pos++;
        }
        end = pos;
        suffix = suffixValue(s, start, end);
        token = suffix == SUFFIX_INVALID ? INVALID : SUFFIX;
      } else if (c == '~') {
        if (token >= COMMIT_HASH) {
          token = INVALID;
          return;
        }
        start = ++pos;
        while (pos < s.length() && (Ascii.isDigit(s.charAt(pos)) || (s.charAt(pos) >= 'a' && s.charAt(pos) <= 'f'))) {
          pos++;
        }
        end = pos;
        token = start == end ? INVALID : COMMIT_HASH;
      } else if (c == '-') {
        if (token >= REVISION_NO || pos + 1 >= s.length() || s.charAt(pos + 1) != 'r') {
          token = INVALID;
          return;
        }
        pos += 2;
        token = REVISION_NO;
        digits();
      } else {
        token = INVALID;
      }
    }
  }

  private static int suffixValue(String s, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return SUFFIX_INVALID;
    }
    int value;
    String name;
    switch (s.charAt(from)) {
      case 'a' -> { value = SUFFIX_ALPHA; name = "alpha"; }
      case 'b' -> { value = SUFFIX_BETA; name = "beta"; }
      case 'c' -> { value = SUFFIX_CVS; name = "cvs"; }
      case 'g' -> { value = SUFFIX_GIT; name = "git"; }
      case 'h' -> { value = SUFFIX_HG; name = "hg"; }
      case 'p' -> {
        value = len > 1 ? SUFFIX_PRE : SUFFIX_P;
        name = len > 1 ? "pre" : "p";
      }
      case 'r' -> { value = SUFFIX_RC; name = "rc"; }
      case 's' -> { value = SUFFIX_SVN; name = "svn"; }
      default -> {
        return SUFFIX_INVALID;
      }
    }
    return len == name.length() && s.regionMatches(from, name, 0, len) ? value : SUFFIX_INVALID;
  }
}
