package dev.drydock.vuln.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.drydock.vuln.advisory.Range;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON text the database stores in list-valued columns. Ranges are stored in OSV's own shape,
 * {@code [{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.2"}]}]}, so a row reads
 * like the feed it came from.
 */
final class RowCodec {

  private static final JsonFactory JSON = new JsonFactory();

  private RowCodec() {}

  static String ranges(List<Range> ranges) {
    return write(g -> {
      g.writeStartArray();
      for (Range r : ranges) {
        g.writeStartObject();
        g.writeStringField("type", r.type().name());
        g.writeArrayFieldStart("events");
        for (Range.Event e : r.events()) {
          g.writeStartObject();
          g.writeStringField(e.kind().name().toLowerCase(Locale.ROOT), e.version());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /** Ranges from the column's UTF-8 bytes (no intermediate String on the lookup path). */
  static List<Range> ranges(byte[] json) {
    List<Range> fast = JsonColumns.ranges(json);
    return fast != null ? fast : read(json, p -> {
      List<Range> out = new ArrayList<>();
      expect(p.nextToken(), JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        Range.Type type = null;
        List<Range.Event> events = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (f.equals("type")) {
            type = Range.Type.valueOf(p.getText());
          } else if (f.equals("events")) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
              expect(p.nextToken(), JsonToken.FIELD_NAME);
              Range.Kind kind = Range.Kind.valueOf(p.currentName().toUpperCase(Locale.ROOT));
              p.nextToken();
              events.add(new Range.Event(kind, p.getText()));
              expect(p.nextToken(), JsonToken.END_OBJECT);
            }
          } else {
            p.skipChildren();
          }
        }
        if (type == null) {
          throw new IOException("range without type");
        }
        out.add(new Range(type, events));
      }
      return out;
    });
  }

  static String strings(List<String> values) {
    return write(g -> {
      g.writeStartArray();
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    });
  }

  static List<String> strings(byte[] json) {
    List<String> fast = JsonColumns.strings(json);
    return fast != null ? fast : read(json, p -> {
      expect(p.nextToken(), JsonToken.START_ARRAY);
      List<String> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.VALUE_STRING) {
        out.add(p.getText());
      }
      return out;
    });
  }

  static String counts(Map<String, Long> counts) {
    return write(g -> {
      g.writeStartObject();
      for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    });
  }

  static SortedMap<String, Long> counts(String json) {
    return read(json, p -> {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      SortedMap<String, Long> out = new TreeMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        p.nextToken();
        out.put(k, p.getLongValue());
      }
      return out;
    });
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private interface Reader<T> {
    T read(JsonParser p) throws IOException;
  }

  private static String write(Writer w) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static <T> T read(String json, Reader<T> r) {
    return read(json.getBytes(StandardCharsets.UTF_8), r);
  }

  private static <T> T read(byte[] json, Reader<T> r) {
    try (JsonParser p = JSON.createParser(json)) {
      return r.read(p);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("corrupt advisory database column: " + e.getMessage() + ": "
          + new String(json, StandardCharsets.UTF_8), e);
    }
  }

  private static void expect(JsonToken actual, JsonToken wanted) throws IOException {
    if (actual != wanted) {
      throw new IOException("expected " + wanted + ", found " + actual);
    }
  }
}
