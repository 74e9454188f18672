package dev.drydock.vuln.feed.osv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.drydock.vuln.feed.FeedException;
import dev.drydock.vuln.feed.FeedInput;
import dev.drydock.vuln.feed.FeedKind;
import dev.drydock.vuln.feed.FeedReader;
import dev.drydock.vuln.feed.FeedSink;
import dev.drydock.vuln.feed.Json;
import dev.drydock.vuln.feed.RecordException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads OSV records from a JSON file (one record, or an array of records; gzip is accepted), a
 * directory tree of {@code *.json} files (hidden directories such as {@code .git} are not
 * entered), or a zip of such files — osv.dev publishes one per ecosystem at
 * {@code https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip}. Files are read
 * in path order, zip entries in archive order; each record is parsed on its own, so memory stays
 * bounded by the largest record. What a record becomes is {@link OsvRecords}' business.
 *
 * @see <a href="https://ossf.github.io/osv-schema/">OSV schema</a>
 * @see <a href="https://google.github.io/osv.dev/data/#data-dumps">osv.dev data dumps</a>
 */
public final class OsvReader implements FeedReader {

  @Override
  public FeedKind kind() {
    return FeedKind.OSV;
  }

  @Override
  public void read(Path input, String label, FeedSink sink) throws IOException {
    long[] index = {0};
    if (Files.isDirectory(input)) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(input)) {
        files = s.filter(f -> !hidden(input.relativize(f))).filter(Files::isRegularFile).sorted().toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (Path f : files) {
        String name = input.relativize(f).toString().replace('\\', '/');
        if (!isJson(name)) {
          sink.skipped("non-JSON file in the directory");
          continue;
        }
        try (InputStream in = FeedInput.open(f)) {
          readStream(in, label + "/" + name, index, sink);
        }
      }
    } else if (FeedInput.isZip(input)) {
      try (ZipFile zip = new ZipFile(input.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          if (e.isDirectory()) {
            continue;
          }
          if (!isJson(e.getName())) {
            sink.skipped("non-JSON entry in the zip");
            continue;
          }
          try (InputStream in = zip.getInputStream(e)) {
            readStream(in, label + "!/" + e.getName(), index, sink);
          }
        }
      } catch (java.util.zip.ZipException e) {
        throw new FeedException(label, "corrupt zip: " + e.getMessage(), e);
      }
    } else {
      try (InputStream in = FeedInput.open(input)) {
        readStream(in, label, index, sink);
      }
    }
  }

  private static boolean isJson(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** One file's content: a record, or an array of records. */
  private static void readStream(InputStream in, String label, long[] index, FeedSink sink) throws IOException {
    try (JsonParser p = Json.parser(in)) {
      JsonToken t;
      try {
        t = p.nextToken();
      } catch (JsonProcessingException e) {
        throw new FeedException(label, "malformed JSON: " + Json.message(e), e);
      }
      if (t == JsonToken.START_OBJECT) {
        record(p, label, ++index[0], sink);
      } else if (t == JsonToken.START_ARRAY) {
        while (true) {
          try {
            t = p.nextToken();
          } catch (JsonProcessingException e) {
            throw new FeedException(label, index[0] + 1, null, "malformed JSON: " + Json.message(e), e);
          }
          if (t == JsonToken.END_ARRAY) {
            break;
          }
          if (t != JsonToken.START_OBJECT) {
            throw new FeedException(label, index[0] + 1, null, "expected an OSV record (an object), found "
                + Json.describe(t), null);
          }
          record(p, label, ++index[0], sink);
        }
      } else {
        throw new FeedException(label, "expected an OSV record or an array of records, found " + Json.describe(t));
      }
      try {
        if (p.nextToken() != null) {
          throw new FeedException(label, "unexpected content after the last record at line "
              + p.currentLocation().getLineNr());
        }
      } catch (JsonProcessingException e) {
        throw new FeedException(label, "malformed JSON after the last record: " + Json.message(e), e);
      }
    }
  }

  /** Parses the object at the parser's position (buffered, so a broken record still names its id). */
  private static void record(JsonParser p, String label, long index, FeedSink sink) throws IOException {
    TokenBuffer buffer = new TokenBuffer(p, null);
    JsonNode node;
    try {
      buffer.copyCurrentStructure(p);
      node = Json.MAPPER.readTree(buffer.asParser());
    } catch (JsonProcessingException e) {
      throw new FeedException(label, index, idOf(buffer), "malformed JSON: " + Json.message(e), e);
    }
    String id = node.path("id").isTextual() ? node.path("id").textValue() : null;
    try {
      OsvRecords.read(node, sink);
    } catch (RecordException e) {
      throw new FeedException(label, index, id, e.getMessage(), null);
    }
  }

  /** The top-level {@code id} of a (possibly partial) buffered record, if it was read. */
  private static @Nullable String idOf(TokenBuffer buffer) {
    try (JsonParser b = buffer.asParser()) {
      if (b.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = b.nextToken(); t == JsonToken.FIELD_NAME; t = b.nextToken()) {
        String name = b.currentName();
        JsonToken v = b.nextToken();
        if (v == null) {
          return null;
        }
        if (name.equals("id") && v == JsonToken.VALUE_STRING) {
          return b.getText();
        }
        b.skipChildren();
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
