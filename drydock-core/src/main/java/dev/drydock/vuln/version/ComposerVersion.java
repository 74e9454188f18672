package dev.drydock.vuln.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Packagist (Composer) versions, ordered as Composer orders them: each version is normalised by
 * composer/semver's {@code VersionParser::normalize} and the results are compared with PHP's
 * {@code version_compare}.
 *
 * <p>Normalisation: an optional {@code v}, one to four numbers padded to four ({@code 1.2} →
 * {@code 1.2.0.0}), then an optional stability modifier — {@code stable}, {@code beta}/{@code b},
 * {@code RC}, {@code alpha}/{@code a}, {@code patch}/{@code pl}/{@code p}, any case, optionally
 * preceded by {@code . _ -} and followed by numbers — and an optional {@code dev} ({@code 1.0-b2-dev}
 * → {@code 1.0.0.0-beta2-dev}); {@code +build} metadata is dropped; date versions
 * ({@code 2020-01-02}) and numeric branches ({@code 2.1.x-dev} → {@code 2.1.9999999.9999999-dev})
 * are understood. {@code version_compare} then splits at separators and digit/letter transitions
 * and compares numbers numerically and words by their rank {@code dev < alpha = a < beta = b <
 * RC = rc < (number) < pl = p}, unknown words below {@code dev}; when one version has more parts,
 * its next part decides against an implied number. So {@code 1.0.0-dev < 1.0.0-alpha1 <
 * 1.0.0-beta < 1.0.0-RC1 < 1.0.0 < 1.0.0-patch1 < 1.0.1}.
 *
 * <p>Valid: what {@code VersionParser::normalize} accepts, except named branches ({@code dev-main},
 * {@code master}): Composer never orders those against versions, so they are rejected, as are
 * {@code @stability} flags and {@code as} aliases, which are constraint syntax. Numbers beyond
 * {@code 2⁶³−1} saturate there, as PHP's {@code strtol} does.
 *
 * <p>Hand-written: composer/semver is PHP; there is no Java port on Maven Central. The rare date
 * and branch forms are matched with composer/semver's own regular expressions, the common form by
 * hand.
 *
 * @see <a href="https://getcomposer.org/doc/articles/versions.md">Composer versions</a>
 * @see <a href="https://www.php.net/manual/en/function.version-compare.php">PHP version_compare</a>
 */
public final class ComposerVersion implements VersionScheme {

  public static final ComposerVersion INSTANCE = new ComposerVersion();

  private static final String MODIFIER =
      "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
  private static final Pattern DATE = Pattern.compile(
      "^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BRANCH = Pattern.compile(
      "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", Pattern.CASE_INSENSITIVE);
  private static final String[] STABILITIES = {"stable", "beta", "b", "RC", "alpha", "a", "patch", "pl", "p"};

  private ComposerVersion() {}

  @Override
  public String name() {
    return "composer";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    return versionCompare(normalize(a), normalize(b));
  }

  /** composer/semver's {@code VersionParser::normalize}, rejecting branch names. */
  static String normalize(String raw) throws InvalidVersionException {
    String v = phpTrim(raw);
    if (v.isEmpty()) {
      throw invalid(raw, "empty");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '@' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '|') {
        throw invalid(raw, "constraint syntax, not a version");
      }
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("dev-") || v.equals("master") || v.equals("trunk") || v.equals("default")) {
      throw invalid(raw, "a branch, not a version");
    }
    int plus = v.indexOf('+');
    if (plus > 0 && plus < v.length() - 1) {
      v = v.substring(0, plus);
    }
    String classical = classical(v);
    if (classical != null) {
      return classical;
    }
    Matcher m = DATE.matcher(v);
    if (m.matches()) {
      String version = m.group(1).replaceAll("\\D", ".");
      return withModifier(version, m.group(2), m.group(3), m.group(4) != null && !m.group(4).isEmpty());
    }
    if (v.toLowerCase(Locale.ROOT).endsWith("dev")) {
      int end = v.length() - 3;
      if (end > 0 && (v.charAt(end - 1) == '.' || v.charAt(end - 1) == '-')) {
        end--;
      }
      Matcher b = BRANCH.matcher(phpTrim(v.substring(0, end)));
      if (b.matches()) {
        StringBuilder out = new StringBuilder(b.group(1));
        for (int g = 2; g <= 4; g++) {
          String part = b.group(g) == null ? ".x" : b.group(g).replace('*', 'x').replace('X', 'x');
          out.append(part);
        }
        return out.toString().replace("x", "9999999") + "-dev";
      }
    }
    throw invalid(raw, "not a Composer version");
  }

  /** {@code ^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?} + modifier + {@code $}, or null. */
  private static @Nullable String classical(String v) {
    int n = v.length();
    int i = 0;
    if (i < n && (v.charAt(i) == 'v' || v.charAt(i) == 'V')) {
      i++;
    }
    int start = i;
    while (i < n && Ascii.isDigit(v.charAt(i))) {
      i++;
    }
    if (i == start || i - start > 5) {
      return null;
    }
    StringBuilder version = new StringBuilder(16).append(v, start, i);
    int parts = 1;
    while (parts < 4 && i + 1 < n && v.charAt(i) == '.' && Ascii.isDigit(v.charAt(i + 1))) {
      int s = i;
      i++;
      while (i < n && Ascii.isDigit(v.charAt(i))) {
        i++;
      }
      version.append(v, s, i);
      parts++;
    }
    for (; parts < 4; parts++) {
      version.append(".0");
    }
    // modifier: [._-]? then (stability numbers?)? then ([.-]?dev)? then end; the separator is
    // taken greedily and given back when nothing matches with it.
    boolean sep = i < n && (v.charAt(i) == '.' || v.charAt(i) == '_' || v.charAt(i) == '-');
    for (int k = sep ? i + 1 : i; k >= i; k--) {
      for (String stability : STABILITIES) {
        if (!v.regionMatches(true, k, stability, 0, stability.length())) {
          continue;
        }
        int m = k + stability.length();
        int numStart = m;
        while (true) {
          if (m + 1 < n && (v.charAt(m) == '.' || v.charAt(m) == '-') && Ascii.isDigit(v.charAt(m + 1))) {
            m += 2;
          } else if (m < n && Ascii.isDigit(v.charAt(m))) {
            m++;
          } else {
            break;
          }
          while (m < n && Ascii.isDigit(v.charAt(m))) {
            m++;
          }
        }
        int dev = devEnd(v, m);
        if (dev == n || m == n) {
          return withModifier(version.toString(), v.substring(k, k + stability.length()), v.substring(numStart, m),
              dev == n);
        }
      }
      if (devEnd(v, k) == n) {
        return version.append("-dev").toString();
      }
      if (k == n) {
        return version.toString();
      }
    }
    return null;
  }

  /** The end of {@code [.-]?dev} at {@code i}, or -1. */
  private static int devEnd(String v, int i) {
    if (i < v.length() && (v.charAt(i) == '.' || v.charAt(i) == '-')) {
      if (v.regionMatches(true, i + 1, "dev", 0, 3)) {
        return i + 4;
      }
    }
    return v.regionMatches(true, i, "dev", 0, 3) ? i + 3 : -1;
  }

  private static String withModifier(String version, @Nullable String stability,
      @Nullable String number, boolean dev) {
    StringBuilder out = new StringBuilder(version);
    if (stability != null && !stability.isEmpty()) {
      if (stability.equals("stable")) {
        return version; // as composer/semver: exactly "stable" drops the rest, even "-dev"
      }
      out.append('-').append(expandStability(stability));
      if (number != null && !number.isEmpty()) {
        int s = 0;
        while (s < number.length() && (number.charAt(s) == '.' || number.charAt(s) == '-')) {
          s++;
        }
        out.append(number, s, number.length());
      }
    }
    if (dev) {
      out.append("-dev");
    }
    return out.toString();
  }

  private static String expandStability(String s) {
    String l = s.toLowerCase(Locale.ROOT);
    return switch (l) {
      case "a" -> "alpha";
      case "b" -> "beta";
      case "p", "pl" -> "patch";
      case "rc" -> "RC";
      default -> l;
    };
  }

  /** PHP's {@code version_compare} on two normalised versions. */
  static int versionCompare(String a, String b) {
    int ai = 0;
    int bi = 0;
    while (true) {
      int ae = tokenEnd(a, ai);
      int be = tokenEnd(b, bi);
      int c = compareElement(a, ai, ae, b, bi, be);
      if (c != 0) {
        return c;
      }
      ai = skipSeparators(a, ae);
      bi = skipSeparators(b, be);
      boolean moreA = ai < a.length();
      boolean moreB = bi < b.length();
      if (moreA && moreB) {
        continue;
      }
      if (moreA) {
        return Ascii.isDigit(a.charAt(ai)) ? 1 : Integer.signum(special(a, ai, tokenEnd(a, ai)) - 4);
      }
      if (moreB) {
        return Ascii.isDigit(b.charAt(bi)) ? -1 : Integer.signum(4 - special(b, bi, tokenEnd(b, bi)));
      }
      return 0;
    }
  }

  private static int compareElement(String a, int as, int ae, String b, int bs, int be) {
    boolean da = Ascii.isDigit(a.charAt(as));
    boolean db = Ascii.isDigit(b.charAt(bs));
    if (da && db) {
      return Long.compare(strtol(a, as, ae), strtol(b, bs, be));
    }
    int oa = da ? 4 : special(a, as, ae);
    int ob = db ? 4 : special(b, bs, be);
    return Integer.compare(oa, ob);
  }

  /** A run of digits or a run of other alphanumerics. */
  private static int tokenEnd(String s, int i) {
    boolean digit = Ascii.isDigit(s.charAt(i));
    int j = i + 1;
    while (j < s.length() && Ascii.isAlnum(s.charAt(j)) && Ascii.isDigit(s.charAt(j)) == digit) {
      j++;
    }
    return j;
  }

  private static int skipSeparators(String s, int i) {
    while (i < s.length() && !Ascii.isAlnum(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static long strtol(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return Long.MAX_VALUE;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** PHP's special version forms, matched as prefixes in this order; -1 for anything else. */
  private static int special(String s, int from, int to) {
    if (startsWith(s, from, to, "dev")) {
      return 0;
    }
    if (startsWith(s, from, to, "alpha") || startsWith(s, from, to, "a")) {
      return 1;
    }
    if (startsWith(s, from, to, "beta") || startsWith(s, from, to, "b")) {
      return 2;
    }
    if (startsWith(s, from, to, "RC") || startsWith(s, from, to, "rc")) {
      return 3;
    }
    if (startsWith(s, from, to, "pl") || startsWith(s, from, to, "p")) {
      return 5;
    }
    return -1;
  }

  private static boolean startsWith(String s, int from, int to, String prefix) {
    return to - from >= prefix.length() && s.startsWith(prefix, from);
  }

  private static String phpTrim(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && isPhpSpace(s.charAt(i))) {
      i++;
    }
    while (n > i && isPhpSpace(s.charAt(n - 1))) {
      n--;
    }
    return s.substring(i, n);
  }

  private static boolean isPhpSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == 0x0b;
  }

  private static InvalidVersionException invalid(String v, String reason) {
    return new InvalidVersionException("composer", v, reason);
  }
}
