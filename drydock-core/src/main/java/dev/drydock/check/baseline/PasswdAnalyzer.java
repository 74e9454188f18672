package dev.drydock.check.baseline;

import dev.drydock.check.baseline.crypt.CryptHashes;
import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code etc/passwd}: accounts other than root with UID 0 ({@code account_extra_uid0}), and
 * password fields other than {@code x}: an empty field lets the account log in without a password
 * ({@code account_empty_password}; the shadow file is not consulted then), and a hash there is
 * world-readable ({@code account_passwd_hash}) and is also tried against weak passwords.
 *
 * <p>Each line is {@code name:password:UID:GID:GECOS:directory:shell}. NIS compatibility entries
 * ({@code +…}, {@code -…}) are skipped.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/passwd.5.html">passwd(5)</a>
 */
public final class PasswdAnalyzer extends BufferedAnalyzer {

  static final String PATH = "etc/passwd";

  @Override
  public String name() {
    return "baseline-passwd";
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

  /** Whether a UID field is 0 as getpwent(3) reads it ("0", "00"). */
  private static boolean isZero(String uid) {
    String u = uid.trim();
    return !u.isEmpty() && u.chars().allMatch(c -> c == '0');
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    PasswordFieldCheck check = new PasswordFieldCheck(path, name(), WeakPasswordCheck.forFile());
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
        continue;
      }
      String[] f = line.split(":", -1);
      if (f.length < 3 || f[0].isEmpty()) {
        diagnostics.add(Diagnostic.warning("line " + (i + 1) + " is not a passwd entry (name:password:UID…)", path, name()));
        continue;
      }
      String account = f[0];
      if (isZero(f[2]) && !account.equals("root")) {
        findings.add(BaselineItems.ACCOUNT_EXTRA_UID0.finding(path, i + 1, account + ":…:0",
            Map.of("account", account)));
      }
      if (f[1].equals("x")) {
        continue;
      }
      CryptHashes.Field field = check.check(account, f[1], i + 1, findings, diagnostics);
      String scheme = switch (field) {
        case CryptHashes.Hash h -> h.scheme();
        case CryptHashes.Unsupported u -> u.scheme();
        default -> null;
      };
      if (scheme != null) {
        findings.add(BaselineItems.ACCOUNT_PASSWD_HASH.finding(path, i + 1, account + ":<" + scheme + " hash>:…",
            Map.of("account", account, "scheme", scheme)));
      }
    }
    return AnalysisResult.ofFindings(findings, diagnostics);
  }
}
