package dev.drydock.server.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.IndexReport;
import java.util.List;
import java.util.Map;

/**
 * JSON of what the result tables keep: the {@link IndexReport} ({@code image_report.index_json},
 * the input of every re-match), diagnostics and finding attributes. The engine's records are
 * written with the engine's own mapper (Jackson 2), exactly as {@code drydock scan --save-index}
 * writes them, so a stored inventory can also be read by {@code drydock match}.
 */
public final class ReportCodec {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ReportCodec() {}

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** Reads a stored inventory; fails when it is of another schema version (the image must be scanned again). */
  public static IndexReport index(String json) {
    IndexReport r;
    try {
      r = JSON.readValue(json, IndexReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored inventory is not readable: " + e.getOriginalMessage(), e);
    }
    if (r.schemaVersion() != IndexReport.SCHEMA_VERSION) {
      throw new IllegalStateException("stored inventory has schema " + r.schemaVersion() + ", this Drydock reads "
          + IndexReport.SCHEMA_VERSION);
    }
    return r;
  }

  public static List<Diagnostic> diagnostics(String json) {
    try {
      return List.of(JSON.readValue(json, Diagnostic[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored diagnostics are not readable", e);
    }
  }

  /** A JSON object of numbers ({@code {"vul":1700000000000}}); entries that are not integers are left out. */
  public static Map<String, Long> longs(String json) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    try {
      JSON.readTree(json).properties().forEach(e -> {
        if (e.getValue().canConvertToLong()) {
          out.put(e.getKey(), e.getValue().asLong());
        }
      });
    } catch (JsonProcessingException e) {
      // unreadable: no times
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, String> attributes(String json) {
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
