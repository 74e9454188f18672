package dev.drydock.check.secret;

import com.google.re2j.Matcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches secret rules against text: the keyword pass ({@link KeywordMatcher}) decides which
 * rules may match, then only those rules run their RE2 regex, on the lines where their keywords
 * occurred. Thread-safe; used by the file analyzer ({@link SecretAnalyzer}) and by the image
 * configuration checks (environment variables, labels, history).
 */
public final class SecretScanner {

  /** One secret found in a line. {@link #evidence} is already masked; {@code secret} never leaves the package. */
  public record Match(SecretRule rule, int start, int end, String evidence) {}

  private final List<SecretRule> rules;
  private final KeywordMatcher keywords;
  private final long withoutKeywords; // rules that run on every line of a file in scope

  public SecretScanner(List<SecretRule> rules) {
    if (rules.size() > 64) {
      throw new IllegalArgumentException("at most 64 rules");
    }
    this.rules = List.copyOf(rules);
    List<String> words = new ArrayList<>();
    List<Long> masks = new ArrayList<>();
    long none = 0;
    for (int i = 0; i < rules.size(); i++) {
      SecretRule r = rules.get(i);
      if (r.keywords().isEmpty()) {
        none |= 1L << i;
      }
      for (String k : r.keywords()) {
        words.add(k);
        masks.add(1L << i);
      }
    }
    this.keywords = new KeywordMatcher(words, masks);
    this.withoutKeywords = none;
  }

  /** The scanner over {@link SecretRules#all()}. */
  public static SecretScanner defaults() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final SecretScanner DEFAULT = new SecretScanner(SecretRules.all());
  }

  public List<SecretRule> rules() {
    return rules;
  }

  KeywordMatcher keywords() {
    return keywords;
  }

  /** The rules (as a mask) that apply to a file at {@code path}. */
  long rulesFor(String path) {
    long m = 0;
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).scope().matches(path)) {
        m |= 1L << i;
      }
    }
    return m;
  }

  /** Of the rules in {@code inScope}, those that run on every line whatever its keywords. */
  long alwaysRun(long inScope) {
    return inScope & withoutKeywords;
  }

  /**
   * Secrets in a piece of text that is not a file (an environment variable, a label, a history
   * command): only rules whose scope is any file apply. Lines are matched one by one; offsets are
   * into {@code text}.
   */
  public List<Match> scanText(String text) {
    long inScope = rulesFor("");
    List<Match> out = new ArrayList<>(0);
    int from = 0;
    while (from <= text.length()) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(from, end);
      long candidates = keywords.scan(line.getBytes(StandardCharsets.UTF_8)) & inScope;
      if (candidates != 0) {
        for (Match m : matchLine(line, candidates, 0)) {
          out.add(new Match(m.rule(), m.start() + from, m.end() + from, m.evidence()));
        }
      }
      if (nl < 0) {
        break;
      }
      from = nl + 1;
    }
    return out;
  }

  /**
   * {@code text} with every secret the rules find replaced by its masked form, for evidence that
   * quotes a command or a value (a history entry that also happens to hold a token).
   */
  public String redact(String text) {
    List<Match> matches = scanText(text);
    if (matches.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Match m : matches) {
      if (m.start() < at) {
        continue;
      }
      out.append(text, at, m.start()).append(m.evidence());
      at = m.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /** Whether {@code value} is a placeholder ({@code changeme}, {@code ${TOKEN}}, {@code <password>} …), not a secret. */
  public static boolean isPlaceholder(String value) {
    return Placeholders.isPlaceholder(value);
  }

  /**
   * Runs the regexes of {@code candidates} over one line. A match whose secret ends before
   * {@code skipBefore} is dropped (it was reported from the previous segment of a very long line).
   * At most one match is kept per secret start: the rule listed first wins.
   */
  List<Match> matchLine(String line, long candidates, int skipBefore) {
    List<Match> out = new ArrayList<>(0);
    for (long m = candidates; m != 0; m &= m - 1) {
      int i = Long.numberOfTrailingZeros(m);
      SecretRule rule = rules.get(i);
      Matcher matcher = rule.regex().matcher(line);
      int from = 0;
      while (from <= line.length() && matcher.find(from)) {
        int start = matcher.start("secret");
        int end = matcher.end("secret");
        from = Math.max(matcher.end(), from + 1);
        if (start < 0 || end <= skipBefore) {
          continue;
        }
        String secret = line.substring(start, end);
        if (rule.labelOnly() ? Placeholders.isPlaceholderBody(line, matcher.end()) : Placeholders.isPlaceholder(secret)) {
          continue;
        }
        boolean taken = false;
        for (Match o : out) {
          if (o.start() == start) {
            taken = true;
            break;
          }
        }
        if (!taken) {
          String evidence = rule.labelOnly() ? secret + " " + Mask.STARS : Mask.mask(secret, rule.reveal());
          out.add(new Match(rule, start, end, evidence));
        }
      }
    }
    out.sort(java.util.Comparator.comparingInt(Match::start));
    return out;
  }
}
