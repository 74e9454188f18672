package dev.drydock.check.baseline;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The OpenSSH server's configuration, {@code etc/ssh/sshd_config} and its drop-ins
 * {@code etc/ssh/sshd_config.d/*.conf}: {@code PermitRootLogin yes},
 * {@code PasswordAuthentication yes} and {@code PermitEmptyPasswords yes}.
 *
 * <p>As sshd(8) reads it (sshd_config(5)): keywords are case-insensitive, a keyword and its
 * argument are separated by white space or {@code =}, arguments may be quoted, and for each
 * keyword the first value obtained is used. A directive after a {@code Match} line applies only
 * to the connections that match: it is reported too (those connections get the risky setting),
 * with the {@code match} attribute naming the criteria.
 *
 * <p>Each file is analysed on its own, so precedence between files is approximated: sshd reads an
 * {@code Include}d file where the {@code Include} stands (Debian's default configuration includes
 * {@code sshd_config.d/*.conf} on its first line), and a value set there wins over a later one in
 * the main file. A directive of the main file that comes after an {@code Include} carries the
 * {@code after_include} attribute: a drop-in may override it, which this per-file check cannot
 * see. Settings left at their defaults are not reported (the default of
 * {@code PasswordAuthentication} is {@code yes}, of the other two {@code no}/{@code prohibit-password}).
 *
 * @see <a href="https://man.openbsd.org/sshd_config.5">sshd_config(5)</a>
 */
public final class SshdConfigAnalyzer extends BufferedAnalyzer {

  static final String MAIN = "etc/ssh/sshd_config";
  static final String DROP_INS = "etc/ssh/sshd_config.d/";

  private static final Map<String, BaselineItem> RISKY_WHEN_YES = Map.of(
      "permitrootlogin", BaselineItems.SSH_PERMIT_ROOT_LOGIN,
      "passwordauthentication", BaselineItems.SSH_PASSWORD_AUTHENTICATION,
      "permitemptypasswords", BaselineItems.SSH_PERMIT_EMPTY_PASSWORDS);

  @Override
  public String name() {
    return "baseline-sshd";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  protected long maxBytes() {
    return 1L << 20;
  }

  @Override
  public boolean wants(FileEntry entry) {
    String p = entry.path();
    return p.equals(MAIN) || p.startsWith(DROP_INS) && p.endsWith(".conf") && p.indexOf('/', DROP_INS.length()) < 0;
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    List<Finding> findings = new ArrayList<>();
    Set<String> seenGlobal = new HashSet<>();
    Set<String> seenInMatch = new HashSet<>();
    String match = null;
    String include = null;
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] kv = keywordAndArgument(line);
      if (kv == null) {
        continue;
      }
      String keyword = kv[0].toLowerCase(Locale.ROOT);
      if (keyword.equals("match")) {
        match = kv[1];
        seenInMatch.clear();
        continue;
      }
      if (keyword.equals("include") && match == null) {
        include = include == null ? kv[1] : include + " " + kv[1];
        continue;
      }
      BaselineItem item = RISKY_WHEN_YES.get(keyword);
      if (item == null) {
        continue;
      }
      // The first value wins: globally, and within each Match block.
      if (!(match == null ? seenGlobal : seenInMatch).add(keyword)) {
        continue;
      }
      if (unquote(firstWord(kv[1])).equalsIgnoreCase("yes")) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (match != null) {
          attributes.put("match", match);
        }
        if (include != null) {
          attributes.put("after_include", include);
        }
        findings.add(item.finding(path, i + 1, line, attributes));
      }
    }
    return AnalysisResult.ofFindings(findings, List.of());
  }

  /** Splits {@code Keyword value}, {@code Keyword=value} or {@code Keyword = value}. */
  static String @Nullable [] keywordAndArgument(String line) {
    int i = 0;
    while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '=') {
      i++;
    }
    if (i == 0 || i == line.length()) {
      return null;
    }
    String keyword = line.substring(0, i);
    int j = i;
    while (j < line.length() && Character.isWhitespace(line.charAt(j))) {
      j++;
    }
    if (j < line.length() && line.charAt(j) == '=') {
      j++;
    }
    String rest = line.substring(j).strip();
    int hash = rest.indexOf(" #");
    return new String[] {keyword, hash >= 0 ? rest.substring(0, hash).strip() : rest};
  }

  private static String firstWord(String s) {
    int space = 0;
    while (space < s.length() && !Character.isWhitespace(s.charAt(space))) {
      space++;
    }
    return s.substring(0, space);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }
}
