package dev.drydock.index.os;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.OsRelease;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code etc/os-release} and {@code usr/lib/os-release}. When both exist the merge prefers
 * {@code etc/os-release} (os-release(5) makes it the override).
 *
 * @see <a href="https://www.freedesktop.org/software/systemd/man/os-release.html">os-release(5)</a>
 */
public final class OsReleaseAnalyzer extends BufferedAnalyzer {

  @Override
  public String name() {
    return "os-release";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  protected long maxBytes() {
    return 64 * 1024;
  }

  @Override
  public boolean wants(FileEntry e) {
    return e.path().equals("etc/os-release") || e.path().equals("usr/lib/os-release");
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    Map<String, String> fields = parse(new String(content, StandardCharsets.UTF_8));
    String id = fields.get("ID");
    if (id == null || id.isBlank()) {
      return AnalysisResult.failed(Diagnostic.incomplete("os-release without ID", path, name()));
    }
    String idLike = fields.getOrDefault("ID_LIKE", "");
    return new AnalysisResult(List.of(), new OsRelease(
        id.toLowerCase(Locale.ROOT),
        blankToNull(fields.get("VERSION_ID")),
        blankToNull(fields.get("VERSION_CODENAME")),
        blankToNull(fields.get("PRETTY_NAME")),
        idLike.isBlank() ? List.of() : Arrays.asList(idLike.trim().split("\\s+"))), List.of());
  }

  /** Parses shell-style {@code KEY=value} lines with single or double quotes and backslash escapes. */
  static Map<String, String> parse(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      out.put(line.substring(0, eq).trim(), unquote(line.substring(eq + 1).trim()));
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      char q = v.charAt(0);
      String inner = v.substring(1, v.length() - 1);
      if (q == '\'') {
        return inner;
      }
      StringBuilder b = new StringBuilder(inner.length());
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '\\' && i + 1 < inner.length()) {
          c = inner.charAt(++i);
        }
        b.append(c);
      }
      return b.toString();
    }
    return v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
