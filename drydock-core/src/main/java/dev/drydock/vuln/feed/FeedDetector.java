package dev.drydock.vuln.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Content sniffing for {@link FeedKind#detect}: reads at most the first record's worth of tokens.
 *
 * <ul>
 *   <li>a directory, or a zip, is OSV;
 *   <li>a JSON array is OSV (a list of records);
 *   <li>a JSON object whose first field is one of secdb's ({@code distroversion}, {@code packages},
 *       {@code apkurl} …) is Alpine secdb;
 *   <li>one whose first field is an OSV field with a non-object value (or {@code database_specific})
 *       is an OSV record — Debian package names cannot contain {@code _}, and their values are
 *       objects;
 *   <li>one whose first value is an object of objects with tracker fields ({@code releases},
 *       {@code description} …) is the Debian tracker export.
 * </ul>
 */
final class FeedDetector {

  private static final Set<String> OSV_FIELDS = Set.of("schema_version", "id", "modified", "published",
      "withdrawn", "aliases", "related", "upstream", "summary", "details", "severity", "affected",
      "references", "credits", "database_specific");
  private static final Set<String> ALPINE_FIELDS = Set.of("apkurl", "archs", "reponame", "urlprefix",
      "distroversion", "packages");
  private static final Set<String> DEBIAN_FIELDS = Set.of("releases", "description", "scope", "debianbug");

  private FeedDetector() {}

  static FeedKind detect(Path path) throws IOException {
    String label = path.toString();
    if (Files.isDirectory(path)) {
      return FeedKind.OSV;
    }
    if (!Files.isRegularFile(path)) {
      throw new FeedException(label, Files.exists(path) ? "not a regular file" : "no such file");
    }
    if (FeedInput.isZip(path)) {
      return FeedKind.OSV;
    }
    try (InputStream in = FeedInput.open(path); JsonParser p = Json.parser(in)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_OBJECT || first == JsonToken.END_ARRAY) {
          return FeedKind.OSV;
        }
        throw unknown(label, "a JSON array of " + Json.describe(first));
      }
      if (t != JsonToken.START_OBJECT) {
        throw unknown(label, t == null ? "an empty file" : "JSON " + Json.describe(t));
      }
      if (p.nextToken() != JsonToken.FIELD_NAME) {
        throw unknown(label, "an empty JSON object");
      }
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (ALPINE_FIELDS.contains(field)) {
        return FeedKind.ALPINE_SECDB;
      }
      if (OSV_FIELDS.contains(field) && (value != JsonToken.START_OBJECT || field.equals("database_specific"))) {
        return FeedKind.OSV;
      }
      if (value == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
          && p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          if (DEBIAN_FIELDS.contains(p.currentName())) {
            return FeedKind.DEBIAN_TRACKER;
          }
          p.nextToken();
          p.skipChildren();
        }
      }
      throw unknown(label, "a JSON object starting with field \"" + field + "\"");
    } catch (JsonProcessingException e) {
      throw new FeedException(label, "not JSON, a zip or a directory: " + Json.message(e), e);
    }
  }

  private static FeedException unknown(String label, String what) {
    return new FeedException(label, "not an OSV record, a Debian Security Tracker export or an Alpine secdb file ("
        + what + ")");
  }
}
