package dev.drydock.check.baseline;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sudo's policy, {@code etc/sudoers} and the files of {@code etc/sudoers.d/} that sudo reads
 * (sudo skips names that end in {@code ~} or contain a {@code .}, and so does this check): rules
 * granting {@code ALL} commands with the {@code NOPASSWD} tag ({@code sudo_nopasswd_all}) and
 * {@code Defaults !authenticate} ({@code sudo_no_authenticate}).
 *
 * <p>Parsing follows sudoers(5): {@code #} starts a comment unless it begins {@code #include} /
 * {@code #includedir} or a numeric ID ({@code #1000}); a trailing backslash continues a line; a
 * user specification is {@code User_List Host_List = Cmnd_Spec_List}, where each command may be
 * preceded by a run-as list in parentheses, options ({@code CWD=…}) and tags ({@code NOPASSWD:}),
 * and a tag carries over to the following commands of the list until its opposite
 * ({@code PASSWD:}) replaces it. Aliases are not expanded (a {@code Cmnd_Alias} that stands for
 * {@code ALL} is not recognised).
 *
 * @see <a href="https://www.sudo.ws/docs/man/sudoers.man/">sudoers(5)</a>
 */
public final class SudoersAnalyzer extends BufferedAnalyzer {

  static final String MAIN = "etc/sudoers";
  static final String DROP_INS = "etc/sudoers.d/";

  private static final Set<String> ALIASES = Set.of("User_Alias", "Runas_Alias", "Host_Alias", "Cmnd_Alias", "Cmd_Alias");

  @Override
  public String name() {
    return "baseline-sudoers";
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
    if (p.equals(MAIN)) {
      return true;
    }
    if (!p.startsWith(DROP_INS) || p.indexOf('/', DROP_INS.length()) >= 0) {
      return false;
    }
    String name = p.substring(DROP_INS.length());
    return !name.isEmpty() && !name.endsWith("~") && name.indexOf('.') < 0;
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    List<Finding> findings = new ArrayList<>();
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    StringBuilder joined = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (joined.isEmpty()) {
        start = i + 1;
      }
      if (raw.endsWith("\\")) {
        joined.append(raw, 0, raw.length() - 1).append(' ');
        continue;
      }
      joined.append(raw);
      String line = stripComment(joined.toString()).strip().replaceAll("\\s+", " ");
      joined.setLength(0);
      if (!line.isEmpty()) {
        entry(path, line, start, findings);
      }
    }
    return AnalysisResult.ofFindings(findings, List.of());
  }

  private static void entry(String path, String line, int lineNumber, List<Finding> findings) {
    String first = line.split("\\s+", 2)[0];
    if (first.startsWith("@include") || first.startsWith("#include") || ALIASES.contains(first)) {
      return;
    }
    if (first.startsWith("Defaults")) {
      String params = line.substring(first.length()).strip();
      for (String p : params.split(",")) {
        if (p.strip().equals("!authenticate")) {
          String scope = first.length() > "Defaults".length() ? first.substring("Defaults".length()) : "";
          findings.add(BaselineItems.SUDO_NO_AUTHENTICATE.finding(path, lineNumber, line,
              scope.isEmpty() ? Map.of() : Map.of("scope", scope)));
        }
      }
      return;
    }
    int eq = line.indexOf('=');
    if (eq < 0) {
      return;
    }
    String[] who = line.substring(0, eq).strip().split("\\s+");
    String users = String.join(" ", java.util.Arrays.copyOf(who, Math.max(1, who.length - 1)));
    boolean nopasswd = false;
    for (String command : splitTopLevel(line.substring(eq + 1))) {
      String c = command.strip();
      if (c.startsWith("(")) {
        int close = c.indexOf(')');
        c = close < 0 ? "" : c.substring(close + 1).strip();
      }
      // Options (CWD=…, TIMEOUT=…) and tags (NOPASSWD:, SETENV: …) before the command.
      while (true) {
        int colon = c.indexOf(':');
        int space = c.indexOf(' ');
        String head = space < 0 ? c : c.substring(0, space);
        if (colon > 0 && (space < 0 || colon < space) && c.substring(0, colon).matches("[A-Z_]+")) {
          String tag = c.substring(0, colon);
          if (tag.equals("NOPASSWD")) {
            nopasswd = true;
          } else if (tag.equals("PASSWD")) {
            nopasswd = false;
          }
          c = c.substring(colon + 1).strip();
        } else if (head.matches("[A-Z_]+=.*")) {
          c = space < 0 ? "" : c.substring(space + 1).strip();
        } else {
          break;
        }
      }
      // "ALL" alone, or followed by another "Host_List = …" part of the same line.
      if (nopasswd && (c.equals("ALL") || c.matches("ALL\\s*:.*"))) {
        findings.add(BaselineItems.SUDO_NOPASSWD_ALL.finding(path, lineNumber, line, Map.of("user", users)));
        return;
      }
    }
  }

  /** The commands of a Cmnd_Spec_List: split at commas outside parentheses. */
  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (c == ',' && depth == 0 && (i == 0 || s.charAt(i - 1) != '\\')) {
        out.add(s.substring(from, i));
        from = i + 1;
      }
    }
    out.add(s.substring(from));
    return out;
  }

  /** Removes a {@code #} comment, keeping {@code #include…} and numeric IDs ({@code #1000}). */
  static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) != '#') {
        continue;
      }
      boolean id = i + 1 < line.length() && Character.isDigit(line.charAt(i + 1));
      boolean include = line.startsWith("#include", i) && line.substring(0, i).isBlank();
      if (!id && !include) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
