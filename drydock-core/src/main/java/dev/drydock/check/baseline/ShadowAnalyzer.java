package dev.drydock.check.baseline;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code etc/shadow}: accounts with an empty password field ({@code account_empty_password}) and
 * accounts whose hash matches a weak password ({@code account_weak_password}). Locked accounts
 * ({@code !…}, {@code *}) are skipped; hashes of schemes this scanner cannot compute, and hashes
 * too costly to try the whole weak-password list against, become {@code INCOMPLETE} diagnostics
 * naming the account.
 *
 * <p>Each line is {@code name:password:lastchg:min:max:warn:inactive:expire:reserved}; only the
 * first two fields matter here. Lines with fewer than two fields are reported as diagnostics
 * (such a line would be rejected by {@code pwck}, but login tools skip it, so nothing is missed).
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/shadow.5.html">shadow(5)</a>
 */
public final class ShadowAnalyzer extends BufferedAnalyzer {

  static final String PATH = "etc/shadow";

  @Override
  public String name() {
    return "baseline-shadow";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  protected long maxBytes() {
    return 8L << 20;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return entry.path().equals(PATH);
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    PasswordFieldCheck check = new PasswordFieldCheck(path, name(), WeakPasswordCheck.forFile());
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        diagnostics.add(Diagnostic.warning("line " + (i + 1) + " is not a shadow entry (no name:password)", path, name()));
        continue;
      }
      String account = line.substring(0, colon);
      int next = line.indexOf(':', colon + 1);
      String field = next < 0 ? line.substring(colon + 1) : line.substring(colon + 1, next);
      if (account.startsWith("+") || account.startsWith("-")) {
        continue; // NIS compatibility entries hold no local password
      }
      check.check(account, field, i + 1, findings, diagnostics);
    }
    return AnalysisResult.ofFindings(findings, diagnostics);
  }
}
