package dev.drydock.check.secret;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values that look like secrets but are documentation placeholders, template references or
 * redactions. Without this allow-list every sample configuration shipped in an image would be
 * reported: AWS's documented {@code AKIAIOSFODNN7EXAMPLE}, {@code password: changeme},
 * {@code token: ${GITHUB_TOKEN}}, {@code <your-password>}, {@code xxxxxxxx}.
 *
 * <p>The list errs on the side of reporting: only markers that a real credential essentially never
 * contains are here (a random 40-character alphanumeric token contains {@code example}, in any
 * case, with a probability of about 10<sup>-9</sup>, and {@code xxxx} of about 10<sup>-5</sup>).
 */
final class Placeholders {

  /** Substrings that mark a placeholder wherever they occur (compared in lower case). */
  private static final List<String> MARKERS = List.of(
      "example",      // AWS's documented keys, example.com, "your-example-token"
      "xxxx",         // "xxxxxxxx", "ghp_xxxxxxxxxxxx"
      "changeme", "change_me", "change-me", "changeit",
      "placeholder", "your_", "your-", "yourpass", "yourtoken", "yoursecret",
      "dummy", "sample", "redacted", "replace_me", "replaceme", "insert_",
      "****",         // already masked
      "${", "{{", "#{", "$(", "%(", "<%", // template and shell references, filled at run time
      "<", ">");      // "<password>", "<token>"

  /** Whole values that are placeholders (compared in lower case). */
  private static final Set<String> WORDS = Set.of(
      "password", "passwd", "pass", "secret", "token", "none", "null", "nil", "empty", "true", "false", "undefined",
      "required", "optional", "string", "value", "default", "unset", "hidden", "omitted", "...", "foo", "bar", "foobar",
      "xyzzy", "secret123", "password123", "pass123", "mypassword", "mysecret", "s3cr3t");

  private Placeholders() {}

  /** Whether {@code value} is a placeholder rather than a secret. */
  static boolean isPlaceholder(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (WORDS.contains(v)) {
      return true;
    }
    for (String m : MARKERS) {
      if (v.contains(m)) {
        return true;
      }
    }
    // A reference to an environment variable: $DB_PASSWORD, %DB_PASSWORD%.
    if (v.length() > 1 && (v.charAt(0) == '$' && isIdentifier(v.substring(1))
        || v.charAt(0) == '%' && v.charAt(v.length() - 1) == '%')) {
      return true;
    }
    return sameCharacter(v);
  }

  /**
   * Whether the key material that follows a private-key header at {@code from} (on the same
   * line, after an escaped newline: a key inside a JSON or INI string) is a placeholder:
   * {@code "-----BEGIN PRIVATE KEY-----\nXXXX\n…"} in npm's documentation, {@code ...}.
   */
  static boolean isPlaceholderBody(String line, int from) {
    int i = from;
    while (i < line.length() && (line.charAt(i) == '\\' || line.charAt(i) == 'n' && i > from
        && line.charAt(i - 1) == '\\' || line.charAt(i) == 'r' && i > from && line.charAt(i - 1) == '\\'
        || Character.isWhitespace(line.charAt(i)))) {
      i++;
    }
    int start = i;
    while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || "+/=.".indexOf(line.charAt(i)) >= 0)) {
      i++;
    }
    String body = line.substring(start, i);
    return !body.isEmpty() && (isPlaceholder(body) || body.startsWith("..."));
  }

  private static boolean isIdentifier(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** "aaaaaaaa", "00000000", "********": no secret is one repeated character. */
  private static boolean sameCharacter(String v) {
    for (int i = 1; i < v.length(); i++) {
      if (v.charAt(i) != v.charAt(0)) {
        return false;
      }
    }
    return true;
  }
}
