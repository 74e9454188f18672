package dev.drydock.check.baseline;

import dev.drydock.check.baseline.crypt.CryptHashes;
import dev.drydock.check.secret.Mask;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Finding;
import java.util.List;
import java.util.Map;

/**
 * Judges one account's password field (of {@code /etc/shadow} or {@code /etc/passwd}): empty is a
 * finding, locked is fine, a hash is tried against weak passwords, anything this scanner cannot
 * compute is an {@code INCOMPLETE} diagnostic naming the account. Shared by the shadow and passwd
 * analyzers; one instance per analysed file, since it carries the file's work budget.
 */
final class PasswordFieldCheck {

  private final String path;
  private final String analyzer;
  private final WeakPasswordCheck weak;

  PasswordFieldCheck(String path, String analyzer, WeakPasswordCheck weak) {
    this.path = path;
    this.analyzer = analyzer;
    this.weak = weak;
  }

  /**
   * Checks {@code field} of {@code account} at {@code line}, adding findings and diagnostics.
   * Returns the parsed field.
   */
  CryptHashes.Field check(String account, String field, int line, List<Finding> findings, List<Diagnostic> diagnostics) {
    CryptHashes.Field parsed = CryptHashes.parse(field);
    switch (parsed) {
      case CryptHashes.Empty e -> findings.add(BaselineItems.ACCOUNT_EMPTY_PASSWORD.finding(path, line,
          account + "::", Map.of("account", account)));
      case CryptHashes.Locked l -> { }
      case CryptHashes.Unsupported u -> diagnostics.add(Diagnostic.incomplete("account " + account + ": password hash ("
          + u.scheme() + ") not checked for weak passwords: " + u.reason(), path, analyzer));
      case CryptHashes.Hash h -> tryWeak(account, h, line, findings, diagnostics);
    }
    return parsed;
  }

  /** Work units (about a microsecond each) as a readable duration. */
  static String duration(long units) {
    if (units < 10_000) {
      return units / 1000.0 + " ms";
    }
    return units < 10_000_000 ? units / 1000 + " ms" : units / 1_000_000 + " s";
  }

  private void tryWeak(String account, CryptHashes.Hash h, int line, List<Finding> findings, List<Diagnostic> diagnostics) {
    WeakPasswordCheck.Result r;
    try {
      r = weak.check(account, h);
    } catch (RuntimeException | OutOfMemoryError e) {
      // A salt commons-codec rejects, or scratch memory the heap cannot give.
      diagnostics.add(Diagnostic.incomplete("account " + account + ": password hash (" + h.scheme()
          + ") could not be checked for weak passwords: " + e.getClass().getSimpleName(), path, analyzer));
      return;
    }
    switch (r) {
      case WeakPasswordCheck.Cracked c -> findings.add(BaselineItems.ACCOUNT_WEAK_PASSWORD.finding(path, line,
          c.password().isEmpty() ? "(empty password)" : Mask.mask(c.password(), 2),
          Map.of("account", account, "scheme", h.scheme(), "source", c.source())));
      case WeakPasswordCheck.NotFound n -> { }
      case WeakPasswordCheck.Partial p -> diagnostics.add(Diagnostic.incomplete("account " + account
          + ": password hash (" + h.scheme() + ", about " + duration(h.cost()) + " per try) checked against "
          + p.tried() + " of " + p.candidates() + " weak passwords; the rest exceeds the work budget of the"
          + " weak-password check", path, analyzer));
    }
  }
}
