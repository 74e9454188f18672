package dev.drydock.check.baseline;

import dev.drydock.check.baseline.crypt.CryptHashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tries weak passwords against an account's hash: the empty password, the account's name, then
 * the bundled list of common passwords ({@code common-passwords.txt}, provenance in the README
 * beside it) in order, most likely first.
 *
 * <p>The work is bounded by a budget in work units ({@link CryptHashes.Hash#cost()}, about a
 * microsecond each on a 2-core CI machine): {@link #ACCOUNT_BUDGET} per account, which covers the
 * whole list for Debian's default yescrypt, and {@link #FILE_BUDGET} per file. The budget is
 * counted from the hash's own parameters, not from a clock, so the same image always gets the same
 * result. When a hash costs too much to try every candidate (a bcrypt cost of 12, a yescrypt cost
 * of 8, an account past the file budget), the check tries as many as fit and says how far it got,
 * and the caller turns that into an {@code INCOMPLETE} diagnostic.
 */
final class WeakPasswordCheck {

  static final long ACCOUNT_BUDGET = 32_000_000;
  static final long FILE_BUDGET = 96_000_000;

  /** How a check ended. */
  sealed interface Result permits Cracked, NotFound, Partial {}

  /** @param source {@code empty password}, {@code account name} or {@code common password list} */
  record Cracked(String password, String source, int tried) implements Result {}

  record NotFound(int tried) implements Result {}

  record Partial(int tried, int candidates) implements Result {}

  private static final class Holder {
    static final List<String> COMMON = load();
  }

  private final List<String> common;
  private final long accountBudget;
  private long fileLeft;

  /** A check for one file, with the default list and budgets. */
  static WeakPasswordCheck forFile() {
    return new WeakPasswordCheck(Holder.COMMON, ACCOUNT_BUDGET, FILE_BUDGET);
  }

  WeakPasswordCheck(List<String> common, long accountBudget, long fileBudget) {
    this.common = List.copyOf(common);
    this.accountBudget = accountBudget;
    this.fileLeft = fileBudget;
  }

  /** The bundled list, in order. */
  static List<String> commonPasswords() {
    return Holder.COMMON;
  }

  /** Tries the candidates for {@code account} against {@code hash} while the budgets last. */
  Result check(String account, CryptHashes.Hash hash) {
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add("");
    candidates.add(account);
    candidates.addAll(common);
    long affordable = Math.min(accountBudget, fileLeft) / Math.max(1, hash.cost());
    if (affordable == 0) {
      return new Partial(0, candidates.size());
    }
    CryptHashes.Verifier verifier = hash.verifier();
    int tried = 0;
    for (String candidate : candidates) {
      if (tried == affordable) {
        return new Partial(tried, candidates.size());
      }
      tried++;
      fileLeft -= hash.cost();
      if (verifier.matches(candidate)) {
        String source = candidate.isEmpty() ? "empty password"
            : candidate.equals(account) ? "account name" : "common password list";
        return new Cracked(candidate, source, tried);
      }
    }
    return new NotFound(tried);
  }

  private static List<String> load() {
    String name = "common-passwords.txt";
    try (InputStream in = WeakPasswordCheck.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the build");
      }
      List<String> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
