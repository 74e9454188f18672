package dev.drydock.vuln.version;

import java.util.ArrayList;
import java.util.List;

/**
 * RubyGems versions, ordered as {@code Gem::Version#<=>} orders them.
 *
 * <p>A version is digits followed by {@code .}-separated alphanumeric segments, optionally followed
 * by {@code -} and a pre-release; each {@code -} stands for {@code .pre.}. The version splits into
 * runs of digits and runs of letters ({@code 1.0.rc1} → {@code 1, 0, rc, 1}); trailing zeros are
 * dropped from the numeric prefix and from the rest; then the runs compare in turn, a missing run
 * counting as 0: numbers numerically, letters by byte (case-sensitive), and letters below numbers.
 * So any letter makes a pre-release: {@code 1.0.a < 1.0.b1 < 1.0 == 1.0.0 < 1.0.1}.
 *
 * <p>Valid: {@code Gem::Version.correct?} — {@code \d+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?}
 * with surrounding whitespace allowed. Unlike RubyGems, which reads a blank string as {@code 0}, a
 * blank string is rejected.
 *
 * <p>Hand-written: there is no Java implementation of RubyGems' ordering on Maven Central
 * ({@code io.github.nscuro:versatile:0.7.0} maps gems to a generic ordering).
 *
 * @see <a href="https://ruby-doc.org/3.3.0/stdlibs/rubygems/Gem/Version.html">Gem::Version</a>
 */
public final class RubyGemsVersion implements VersionScheme {

  public static final RubyGemsVersion INSTANCE = new RubyGemsVersion();

  private RubyGemsVersion() {}

  @Override
  public String name() {
    return "rubygems";
  }

  @Override
  public int compare(String a, String b) throws InvalidVersionException {
    List<String> sa = canonicalSegments(a);
    List<String> sb = canonicalSegments(b);
    int limit = Math.max(sa.size(), sb.size());
    for (int i = 0; i < limit; i++) {
      String l = i < sa.size() ? sa.get(i) : "0";
      String r = i < sb.size() ? sb.get(i) : "0";
      boolean ln = Ascii.isDigit(l.charAt(0));
      boolean rn = Ascii.isDigit(r.charAt(0));
      int c;
      if (ln && rn) {
        c = Ascii.compareDigits(l, r);
      } else if (ln != rn) {
        c = ln ? 1 : -1;
      } else {
        c = Ascii.sign(l.compareTo(r));
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Runs of digits (zeros stripped) and of letters, trailing zeros dropped from each part. */
  static List<String> canonicalSegments(String v) throws InvalidVersionException {
    int n = v.length();
    int i = 0;
    while (i < n && isSpace(v.charAt(i))) {
      i++;
    }
    while (n > i && isSpace(v.charAt(n - 1))) {
      n--;
    }
    validate(v, i, n);
    List<String> segs = new ArrayList<>(6);
    int firstString = -1;
    while (i < n) {
      char c = v.charAt(i);
      if (Ascii.isDigit(c)) {
        int s = i;
        while (i < n && Ascii.isDigit(v.charAt(i))) {
          i++;
        }
        segs.add(Ascii.stripZeros(v.substring(s, i)));
      } else if (Ascii.isLetter(c)) {
        int s = i;
        while (i < n && Ascii.isLetter(v.charAt(i))) {
          i++;
        }
        if (firstString < 0) {
          firstString = segs.size();
        }
        segs.add(v.substring(s, i));
      } else {
        if (c == '-') {
          // "-" is ".pre.": a "pre" letter run
          if (firstString < 0) {
            firstString = segs.size();
          }
          segs.add("pre");
        }
        i++;
      }
    }
    int split = firstString < 0 ? segs.size() : firstString;
    List<String> out = new ArrayList<>(segs.size());
    addTrimmed(out, segs.subList(0, split));
    addTrimmed(out, segs.subList(split, segs.size()));
    return out;
  }

  private static void addTrimmed(List<String> out, List<String> part) {
    int end = part.size();
    while (end > 0 && part.get(end - 1).equals("0")) {
      end--;
    }
    out.addAll(part.subList(0, end));
  }

  /** {@code \d+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?} on {@code [i, n)}. */
  private static void validate(String v, int i, int n) throws InvalidVersionException {
    if (i == n) {
      throw new InvalidVersionException("rubygems", v, "blank");
    }
    if (!Ascii.isDigit(v.charAt(i))) {
      throw new InvalidVersionException("rubygems", v, "does not start with a digit");
    }
    boolean pre = false;
    boolean segmentStart = false;
    boolean first = true;
    for (int k = i; k < n; k++) {
      char c = v.charAt(k);
      if (Ascii.isAlnum(c)) {
        if (first && !Ascii.isDigit(c)) {
          throw new InvalidVersionException("rubygems", v, "the first segment is not a number");
        }
        segmentStart = false;
      } else if (c == '.') {
        first = false;
        if (segmentStart) {
          throw new InvalidVersionException("rubygems", v, "empty segment");
        }
        segmentStart = true;
      } else if (c == '-') {
        first = false;
        if (!pre) {
          if (segmentStart) {
            throw new InvalidVersionException("rubygems", v, "empty segment");
          }
          pre = true;
          segmentStart = true;
        } else {
          segmentStart = false; // a hyphen inside a pre-release segment
        }
      } else {
        throw new InvalidVersionException("rubygems", v, "invalid character '" + c + "'");
      }
    }
    if (segmentStart) {
      throw new InvalidVersionException("rubygems", v, "empty segment");
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }
}
