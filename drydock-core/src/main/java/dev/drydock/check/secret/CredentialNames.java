package dev.drydock.check.secret;

import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * Names that say their value is a credential ({@code DB_PASSWORD}, {@code API_TOKEN},
 * {@code deploy.token}), for assignments that no token-shaped rule recognises: environment
 * variables, labels and build arguments of an image configuration.
 */
public final class CredentialNames {

  /**
   * Ends in password, secret, token, an API, access or private key, or credentials, as a whole
   * word: {@code BYPASS} and {@code GPG_KEY} do not count, nor does {@code PWD} (the working
   * directory) or {@code *_FILE} (a path to a secret).
   */
  private static final Pattern NAME = Pattern.compile(
      "(?i)(?:^|[_.-])(?:password|passwd|pass|secret|token|secret[_.-]?key(?:[_.-]?base)?|api[_.-]?key|access[_.-]?key"
          + "|private[_.-]?key|credentials?|auth[_.-]?token)$");

  private CredentialNames() {}

  /** Whether {@code name} says its value is a credential. */
  public static boolean isCredentialName(String name) {
    return NAME.matcher(name).find();
  }

  /** Whether {@code value} stands for itself: not empty or short, a flag, a path or a placeholder. */
  public static boolean isLiteral(String value) {
    String v = value.strip();
    if (v.length() < 4 || v.startsWith("/") || Placeholders.isPlaceholder(v)) {
      return false;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    return !(lower.equals("yes") || lower.equals("no") || lower.equals("on") || lower.equals("off")
        || lower.equals("enabled") || lower.equals("disabled"));
  }
}
