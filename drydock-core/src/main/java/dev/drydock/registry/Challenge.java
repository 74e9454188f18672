package dev.drydock.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One {@code WWW-Authenticate} challenge: the scheme ({@code basic} or {@code bearer}, lower-cased)
 * and its parameters ({@code realm}, {@code service}, {@code scope} …).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7235#section-4.1">RFC 7235 §4.1</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker token authentication</a>
 */
public record Challenge(String scheme, Map<String, String> params) {

  public Challenge {
    params = Map.copyOf(params);
  }

  public @Nullable String param(String name) {
    return params.get(name);
  }

  /**
   * Parses the first challenge of a header value. Hand-written: the JDK has no public parser for
   * RFC 7235 auth-params, and the grammar needed here (token, quoted-string with backslash
   * escapes, comma-separated params) is small.
   */
  public static Optional<Challenge> parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String s = header.trim();
    int sp = s.indexOf(' ');
    String scheme = (sp < 0 ? s : s.substring(0, sp)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    int i = sp < 0 ? s.length() : sp + 1;
    while (i < s.length()) {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          char c = s.charAt(i++);
          if (c == '\\' && i < s.length()) {
            c = s.charAt(i++);
          }
          value.append(c);
        }
        i++; // closing quote
      } else {
        while (i < s.length() && s.charAt(i) != ',') {
          value.append(s.charAt(i++));
        }
      }
      if (key.contains(" ")) {
        break; // the start of a second challenge: this parser reads only the first
      }
      params.put(key, value.toString().trim());
    }
    return Optional.of(new Challenge(scheme, params));
  }
}
