package dev.drydock.vuln.db;

import dev.drydock.vuln.advisory.Range;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fast reader for the exact JSON {@link RowCodec} writes (no whitespace, fields in its order),
 * for the lookup path, where Jackson's general parser dominated the decoding cost — above all in
 * a fresh JVM, where a scan makes its one lookup before anything is compiled. Anything it does
 * not recognise returns null and the caller falls back to Jackson, so a hand-edited or older row
 * is still read correctly, only slower.
 */
final class JsonColumns {

  private JsonColumns() {}

  /** {@code ["a","b"]}, or null when the bytes are not in that exact shape. */
  static @Nullable List<String> strings(byte[] b) {
    Cursor c = new Cursor(b);
    if (!c.eat('[')) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (c.eat(']')) {
      return c.atEnd() ? out : null;
    }
    do {
      String s = c.string();
      if (s == null) {
        return null;
      }
      out.add(s);
    } while (c.eat(','));
    return c.eat(']') && c.atEnd() ? out : null;
  }

  /** {@code [{"type":"ECOSYSTEM","events":[{"introduced":"0"},…]},…]}, or null when not in that shape. */
  static @Nullable List<Range> ranges(byte[] b) {
    Cursor c = new Cursor(b);
    if (!c.eat('[')) {
      return null;
    }
    List<Range> out = new ArrayList<>();
    if (c.eat(']')) {
      return c.atEnd() ? out : null;
    }
    do {
      if (!c.eat('{') || !"type".equals(c.string()) || !c.eat(':')) {
        return null;
      }
      String type = c.string();
      if (type == null || !c.eat(',') || !"events".equals(c.string()) || !c.eat(':') || !c.eat('[')) {
        return null;
      }
      List<Range.Event> events = new ArrayList<>(2);
      if (!c.eat(']')) {
        do {
          String kind = c.eat('{') ? c.string() : null;
          Range.Kind k = kind == null ? null : kind(kind);
          String version = k != null && c.eat(':') ? c.string() : null;
          if (version == null || !c.eat('}')) {
            return null;
          }
          events.add(new Range.Event(k, version));
        } while (c.eat(','));
        if (!c.eat(']')) {
          return null;
        }
      }
      if (!c.eat('}')) {
        return null;
      }
      Range.Type t = switch (type) {
        case "SEMVER" -> Range.Type.SEMVER;
        case "ECOSYSTEM" -> Range.Type.ECOSYSTEM;
        case "GIT" -> Range.Type.GIT;
        default -> null;
      };
      if (t == null) {
        return null;
      }
      out.add(new Range(t, events));
    } while (c.eat(','));
    return c.eat(']') && c.atEnd() ? out : null;
  }

  private static Range.@Nullable Kind kind(String s) {
    return switch (s) {
      case "introduced" -> Range.Kind.INTRODUCED;
      case "fixed" -> Range.Kind.FIXED;
      case "last_affected" -> Range.Kind.LAST_AFFECTED;
      case "limit" -> Range.Kind.LIMIT;
      default -> null;
    };
  }

  private static final class Cursor {
    private final byte[] b;
    private int i;

    Cursor(byte[] b) {
      this.b = b;
    }

    boolean eat(char ch) {
      if (i < b.length && b[i] == ch) {
        i++;
        return true;
      }
      return false;
    }

    boolean atEnd() {
      return i == b.length;
    }

    /** A JSON string at the cursor, or null. */
    @Nullable String string() {
      if (!eat('"')) {
        return null;
      }
      int start = i;
      while (i < b.length && b[i] != '"' && b[i] != '\\') {
        i++;
      }
      if (i < b.length && b[i] == '"') {
        return new String(b, start, i++ - start, StandardCharsets.UTF_8);
      }
      return escaped(start);
    }

    private @Nullable String escaped(int start) {
      StringBuilder sb = new StringBuilder(new String(b, start, i - start, StandardCharsets.UTF_8));
      while (i < b.length) {
        int run = i;
        while (i < b.length && b[i] != '"' && b[i] != '\\') {
          i++;
        }
        sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
        if (i >= b.length) {
          return null;
        }
        if (b[i] == '"') {
          i++;
          return sb.toString();
        }
        if (++i >= b.length) {
          return null;
        }
        switch (b[i++]) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > b.length) {
              return null;
            }
            try {
              sb.append((char) Integer.parseInt(new String(b, i, 4, StandardCharsets.US_ASCII), 16));
            } catch (NumberFormatException e) {
              return null;
            }
            i += 4;
          }
          default -> {
            return null;
          }
        }
      }
      return null;
    }
  }
}
