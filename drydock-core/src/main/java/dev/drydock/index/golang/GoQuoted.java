package dev.drydock.index.golang;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Go's quoted string literals, as {@code strconv.Quote} writes them into build settings:
 * {@code "…"} with backslash escapes, or raw {@code `…`}.
 *
 * @see <a href="https://go.dev/ref/spec#String_literals">Go spec: string literals</a>
 */
final class GoQuoted {

  private GoQuoted() {}

  /** Length of the quoted literal at the start of {@code s}, or -1 when it is not closed. */
  static int prefixLength(String s) {
    if (s.isEmpty()) {
      return -1;
    }
    char q = s.charAt(0);
    if (q == '`') {
      int end = s.indexOf('`', 1);
      return end < 0 ? -1 : end + 1;
    }
    if (q != '"') {
      return -1;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '\n') {
        return -1;
      }
    }
    return -1;
  }

  /** The value of a whole quoted literal, or null when it is malformed. */
  static @Nullable String unquote(String lit) {
    if (lit.length() < 2 || prefixLength(lit) != lit.length()) {
      return null;
    }
    String body = lit.substring(1, lit.length() - 1);
    if (lit.charAt(0) == '`') {
      return body.replace("\r", "");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        int end = Character.isHighSurrogate(c) && i + 1 < body.length() ? i + 2 : i + 1;
        out.writeBytes(body.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
        continue;
      }
      if (++i >= body.length()) {
        return null;
      }
      char e = body.charAt(i);
      switch (e) {
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(11);
        case '\\', '"', '\'' -> out.write(e);
        case 'x', 'u', 'U' -> {
          int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          int v = number(body, i + 1, digits, 16);
          if (v < 0) {
            return null;
          }
          if (e == 'x') {
            out.write(v);
          } else if (Character.isValidCodePoint(v)) {
            out.writeBytes(Character.toString(v).getBytes(StandardCharsets.UTF_8));
          } else {
            return null;
          }
          i += digits;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int v = number(body, i, 3, 8);
          if (v < 0 || v > 255) {
            return null;
          }
          out.write(v);
          i += 2;
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code digits} digits of {@code radix} at {@code s[from]}, or -1. */
  private static int number(String s, int from, int digits, int radix) {
    if (from + digits > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + digits; i++) {
      int d = Character.digit(s.charAt(i), radix);
      if (d < 0) {
        return -1;
      }
      v = v * radix + d;
    }
    return v;
  }
}
