package dev.drydock.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Python package versions per PEP 440 (the "Version specifiers" specification), ordered as the
 * {@code packaging} library orders them.
 *
 * <p>{@code [v][N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}, case-insensitive, with the spec's
 * normalisations: {@code alpha}, {@code beta}, {@code c}, {@code pre}, {@code preview} spell
 * {@code a}, {@code b}, {@code rc}; {@code rev}, {@code r} and {@code -N} spell {@code .post};
 * separators {@code . - _} are optional and interchangeable; a missing pre/post/dev number is 0;
 * leading zeros are dropped; surrounding whitespace is ignored. The order: epoch; release with
 * trailing zeros ignored ({@code 1.0 == 1.0.0}); then {@code .devN} of a release before its
 * pre-releases, pre-releases ({@code a < b < rc}) before the release, post-releases after it, and a
 * {@code .devN} before the release it qualifies ({@code 1.0a1.dev1 < 1.0a1}, {@code 1.0.post1.dev1 <
 * 1.0.post1}); a local version sorts after the same public version, its segments compared numbers
 * above strings, strings case-insensitively.
 *
 * <p>Valid: what {@code packaging.version.Version} parses (checked against it on a committed
 * table). Numbers may be of any length.
 *
 * <p>Hand-written: there is no maintained Java implementation of PEP 440 on Maven Central
 * ({@code io.github.nscuro:versatile:0.7.0} maps PyPI to a generic ordering).
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">Version specifiers (PEP 440)</a>
 */
public final class Pep440Version implements VersionScheme {

  public static final Pep440Version INSTANCE = new Pep440Version();

  private static final String[] PRE_SPELLINGS = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};
  private static final String[] PRE_NORMAL = {"a", "a", "b", "b", "rc", "rc", "rc", "rc"};
  private static final String[] POST_SPELLINGS = {"post", "rev", "r"};
  private static final String[] DEV_SPELLINGS = {"dev"};

  private Pep440Version() {}

  @Override
  public String name() {
    return "pep440";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    return parse(a).compareTo(parse(b));
  }

  /** A parsed version; numbers are digit strings without leading zeros. */
  record Parsed(
      String epoch,
      List<String> release,
      @Nullable String preLabel,
      @Nullable String preNumber,
      @Nullable String post,
      @Nullable String dev,
      @Nullable List<String> local) implements Comparable<Parsed> {

    @Override
    public int compareTo(Parsed o) {
      int c = Ascii.compareDigits(epoch, o.epoch);
      if (c != 0) {
        return c;
      }
      c = compareRelease(release, o.release);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(preRank(), o.preRank());
      if (c != 0) {
        return c;
      }
      if (preLabel != null) {
        c = preLabel.compareTo(o.preLabel);
        if (c != 0) {
          return c;
        }
        c = Ascii.compareDigits(preNumber, o.preNumber);
        if (c != 0) {
          return c;
        }
      }
      c = compareOptional(post, o.post, -1);
      if (c != 0) {
        return c;
      }
      c = compareOptional(dev, o.dev, 1);
      if (c != 0) {
        return c;
      }
      return compareLocal(local, o.local);
    }

    /** -1: a dev release with neither pre nor post; 0: a pre-release; 1: neither. */
    private int preRank() {
      if (preLabel != null) {
        return 0;
      }
      return post == null && dev != null ? -1 : 1;
    }
  }

  /** Missing sorts as {@code missing} (-1: below every number, 1: above). */
  private static int compareOptional(@Nullable String a, @Nullable String b, int missing) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? missing : -missing;
    }
    return Ascii.compareDigits(a, b);
  }

  private static int compareRelease(List<String> a, List<String> b) {
    int na = significant(a);
    int nb = significant(b);
    for (int i = 0; i < Math.min(na, nb); i++) {
      int c = Ascii.compareDigits(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(na, nb);
  }

  private static int significant(List<String> release) {
    int n = release.size();
    while (n > 0 && release.get(n - 1).equals("0")) {
      n--;
    }
    return n;
  }

  private static int compareLocal(@Nullable List<String> a, @Nullable List<String> b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? -1 : 1;
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean nx = Ascii.allDigits(x, 0, x.length());
      boolean ny = Ascii.allDigits(y, 0, y.length());
      int c = nx && ny ? Ascii.compareDigits(x, y) : nx != ny ? (nx ? 1 : -1) : x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  static Parsed parse(String v) throws InvalidVersionException {
    int n = v.length();
    int i = 0;
    while (i < n && isSpace(v.charAt(i))) {
      i++;
    }
    while (n > i && isSpace(v.charAt(n - 1))) {
      n--;
    }
    if (i < n && (v.charAt(i) == 'v' || v.charAt(i) == 'V')) {
      i++;
    }
    String epoch = "0";
    int d = digitsEnd(v, i, n);
    if (d > i && d < n && v.charAt(d) == '!') {
      epoch = Ascii.stripZeros(v.substring(i, d));
      i = d + 1;
      d = digitsEnd(v, i, n);
    }
    if (d == i) {
      throw invalid(v, "no release number");
    }
    List<String> release = new ArrayList<>(4);
    release.add(Ascii.stripZeros(v.substring(i, d)));
    i = d;
    while (i + 1 < n && v.charAt(i) == '.' && Ascii.isDigit(v.charAt(i + 1))) {
      d = digitsEnd(v, i + 1, n);
      release.add(Ascii.stripZeros(v.substring(i + 1, d)));
      i = d;
    }

    // pre-release: [-_.]? (alpha|a|beta|b|preview|pre|c|rc) [-_.]? N?
    String preLabel = null;
    String preNumber = null;
    int s = i < n && isSep(v.charAt(i)) ? i + 1 : i;
    int k = keyword(v, s, n, PRE_SPELLINGS);
    if (k >= 0) {
      preLabel = PRE_NORMAL[k];
      i = s + PRE_SPELLINGS[k].length();
      int[] num = optionalNumber(v, i, n);
      preNumber = num[1] > num[0] ? Ascii.stripZeros(v.substring(num[0], num[1])) : "0";
      i = num[2];
    }

    // post-release: -N | [-_.]? (post|rev|r) [-_.]? N?
    String post = null;
    if (i + 1 < n && v.charAt(i) == '-' && Ascii.isDigit(v.charAt(i + 1))) {
      d = digitsEnd(v, i + 1, n);
      post = Ascii.stripZeros(v.substring(i + 1, d));
      i = d;
    } else {
      s = i < n && isSep(v.charAt(i)) ? i + 1 : i;
      k = keyword(v, s, n, POST_SPELLINGS);
      if (k >= 0) {
        i = s + POST_SPELLINGS[k].length();
        int[] num = optionalNumber(v, i, n);
        post = num[1] > num[0] ? Ascii.stripZeros(v.substring(num[0], num[1])) : "0";
        i = num[2];
      }
    }

    // dev release: [-_.]? dev [-_.]? N?
    String dev = null;
    s = i < n && isSep(v.charAt(i)) ? i + 1 : i;
    if (keyword(v, s, n, DEV_SPELLINGS) == 0) {
      i = s + 3;
      int[] num = optionalNumber(v, i, n);
      dev = num[1] > num[0] ? Ascii.stripZeros(v.substring(num[0], num[1])) : "0";
      i = num[2];
    }

    // local version: + [a-z0-9]+ ([-_.] [a-z0-9]+)*
    List<String> local = null;
    if (i < n && v.charAt(i) == '+') {
      local = new ArrayList<>(2);
      i++;
      while (true) {
        int start = i;
        while (i < n && Ascii.isAlnum(v.charAt(i))) {
          i++;
        }
        if (i == start) {
          throw invalid(v, "empty local version segment");
        }
        String seg = v.substring(start, i).toLowerCase(Locale.ROOT);
        local.add(Ascii.allDigits(seg, 0, seg.length()) ? Ascii.stripZeros(seg) : seg);
        if (i < n && isSep(v.charAt(i))) {
          i++;
          continue;
        }
        break;
      }
    }
    if (i != n) {
      throw invalid(v, "unexpected text at offset " + i);
    }
    return new Parsed(epoch, List.copyOf(release), preLabel, preNumber, post, dev,
        local == null ? null : List.copyOf(local));
  }

  /** {@code [-_.]? digits?} from {@code i}: {numberStart, numberEnd, next}. */
  private static int[] optionalNumber(String v, int i, int n) {
    int s = i < n && isSep(v.charAt(i)) ? i + 1 : i;
    int d = digitsEnd(v, s, n);
    if (d > s) {
      return new int[] {s, d, d};
    }
    // Like the regex, a trailing separator is consumed even without a number ("1.0a." is 1.0a0);
    // a following post/dev/local part then takes its own optional separator from what is left.
    return new int[] {s, s, s};
  }

  /** Index of the first spelling (in order) that matches case-insensitively at {@code i}, else -1. */
  private static int keyword(String v, int i, int n, String[] spellings) {
    for (int k = 0; k < spellings.length; k++) {
      String w = spellings[k];
      if (i + w.length() <= n && v.regionMatches(true, i, w, 0, w.length())) {
        return k;
      }
    }
    return -1;
  }

  private static int digitsEnd(String v, int i, int n) {
    while (i < n && Ascii.isDigit(v.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSep(char c) {
    return c == '.' || c == '-' || c == '_';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  private static InvalidVersionException invalid(String v, String reason) {
    return new InvalidVersionException("pep440", v, reason);
  }
}
