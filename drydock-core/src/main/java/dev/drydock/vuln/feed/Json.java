package dev.drydock.vuln.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Strict access to feed JSON: a field of the wrong type is a {@link RecordException} naming its
 * path, never a silent null. Duplicate keys in an object are rejected too (the parser would
 * otherwise keep one value and drop the other).
 */
public final class Json {

  /** Shared, thread-safe mapper for reading records. */
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build());

  private Json() {}

  /** A streaming parser over {@code in}; closing it closes {@code in}. */
  public static JsonParser parser(InputStream in) throws IOException {
    return MAPPER.createParser(in);
  }

  /** The text of {@code field}, or null when it is absent or JSON null. */
  public static @Nullable String optText(JsonNode object, String field, String path) throws RecordException {
    JsonNode n = object.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new RecordException(path + field + ": expected a string, found " + describe(n));
    }
    return n.textValue();
  }

  /** The text of a field that must be present and not blank. */
  public static String text(JsonNode object, String field, String path) throws RecordException {
    String s = optText(object, field, path);
    if (s == null) {
      throw new RecordException(path + field + ": missing");
    }
    if (s.isBlank()) {
      throw new RecordException(path + field + ": empty");
    }
    return s;
  }

  /** The array in {@code field}, empty when absent or JSON null. */
  public static List<JsonNode> array(JsonNode object, String field, String path) throws RecordException {
    JsonNode n = object.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new RecordException(path + field + ": expected an array, found " + describe(n));
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  /** The strings of an array field, empty when absent. */
  public static List<String> texts(JsonNode object, String field, String path) throws RecordException {
    List<JsonNode> nodes = array(object, field, path);
    List<String> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      if (!n.isTextual()) {
        throw new RecordException(path + field + "[" + i + "]: expected a string, found " + describe(n));
      }
      out.add(n.textValue());
    }
    return out;
  }

  /** The object in {@code field}, or null when absent or JSON null. */
  public static @Nullable JsonNode optObject(JsonNode object, String field, String path) throws RecordException {
    JsonNode n = object.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new RecordException(path + field + ": expected an object, found " + describe(n));
    }
    return n;
  }

  /** Requires {@code n} to be an object. */
  public static JsonNode object(JsonNode n, String path) throws RecordException {
    if (!n.isObject()) {
      throw new RecordException((path.endsWith(".") ? path.substring(0, path.length() - 1) : path)
          + ": expected an object, found " + describe(n));
    }
    return n;
  }

  /** A parse error's message with its line and column, on one line. */
  public static String message(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String msg = String.valueOf(e.getOriginalMessage()).replace('\n', ' ');
    return loc == null ? msg : msg + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** {@code a string}, {@code an array} … for messages. */
  public static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }

  /** {@code a string}, {@code an array} … for a token, for messages. */
  public static String describe(@Nullable JsonToken t) {
    if (t == null) {
      return "the end of the file";
    }
    return switch (t) {
      case START_OBJECT, END_OBJECT -> "an object";
      case START_ARRAY, END_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }
}
