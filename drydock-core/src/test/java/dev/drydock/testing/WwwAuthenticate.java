package dev.drydock.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One parsed {@code WWW-Authenticate} challenge, e.g. {@code Bearer
 * realm="http://127.0.0.1:1234/token",service="registry",scope="repository:a/b:pull"}.
 *
 * <p>For verifying what a registry sent in tests; it parses the single challenge that registries
 * send (RFC 7235 auth-params with quoted or token values), not lists of challenges.
 *
 * @param scheme lower-cased ({@code basic}, {@code bearer})
 * @param params parameter names lower-cased, values unquoted, in header order
 */
public record WwwAuthenticate(String scheme, Map<String, String> params) {

  public WwwAuthenticate {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Parses a header value; throws IllegalArgumentException naming the value when it is malformed. */
  public static WwwAuthenticate parse(String header) {
    String s = header.trim();
    int sp = s.indexOf(' ');
    String scheme = (sp < 0 ? s : s.substring(0, sp)).toLowerCase(Locale.ROOT);
    if (scheme.isEmpty()) {
      throw new IllegalArgumentException("malformed WWW-Authenticate: " + header);
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = sp < 0 ? s.length() : sp + 1;
    while (i < s.length()) {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException("malformed WWW-Authenticate (param without '='): " + header);
      }
      String name = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          value.append(s.charAt(i++));
        }
        if (i >= s.length()) {
          throw new IllegalArgumentException("malformed WWW-Authenticate (unterminated quote): " + header);
        }
        i++;
      } else {
        while (i < s.length() && s.charAt(i) != ',') {
          value.append(s.charAt(i++));
        }
      }
      params.put(name, value.toString().trim());
    }
    return new WwwAuthenticate(scheme, params);
  }

  public @Nullable String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }
}
