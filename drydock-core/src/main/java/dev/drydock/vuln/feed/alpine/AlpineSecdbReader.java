package dev.drydock.vuln.feed.alpine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.EcosystemKeys;
import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.feed.FeedException;
import dev.drydock.vuln.feed.FeedInput;
import dev.drydock.vuln.feed.FeedKind;
import dev.drydock.vuln.feed.FeedReader;
import dev.drydock.vuln.feed.FeedSink;
import dev.drydock.vuln.feed.Json;
import dev.drydock.vuln.feed.RecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads an Alpine secdb file ({@code https://secdb.alpinelinux.org/v3.19/main.json},
 * {@code community.json}): {@code {distroversion: "v3.19", reponame, urlprefix, apkurl, archs,
 * packages: [{pkg: {name, secfixes: {version: [ids]}}}]}}. Packages are streamed one at a time
 * (held back only if {@code packages} precedes {@code distroversion}). A record is one package.
 *
 * <p>Each id fixed in version V becomes an advisory affecting the (origin) package under
 * {@code Alpine:v3.N} with range {@code introduced 0, fixed V}. Entries list several ids on one
 * line when they name one issue ({@code CVE-2023-34319 XSA-432}): each token becomes an advisory,
 * the others its aliases. Version {@code 0} means the issue never affected Alpine's package:
 * skipped (counted). secdb carries no severities (UNKNOWN, source {@code none}).
 *
 * @see <a href="https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#secfixes">secfixes</a>
 */
public final class AlpineSecdbReader implements FeedReader {

  public static final String SOURCE = "alpine-secdb";

  @Override
  public FeedKind kind() {
    return FeedKind.ALPINE_SECDB;
  }

  @Override
  public void read(Path input, String label, FeedSink sink) throws IOException {
    String release = null;
    List<JsonNode> held = new ArrayList<>();
    long index = 0;
    long atFault = 0;
    try (InputStream in = FeedInput.open(input); JsonParser p = Json.parser(in)) {
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new FeedException(label, "expected a secdb object, found " + Json.describe(p.currentToken()));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (field.equals("distroversion")) {
            if (value != JsonToken.VALUE_STRING || p.getText().isBlank()) {
              throw new FeedException(label, "distroversion: expected a release such as v3.19, found "
                  + Json.describe(value));
            }
            release = EcosystemKeys.alpine(p.getText());
            for (JsonNode pkg : held) {
              atFault++;
              pkg(pkg, release, label, atFault, sink);
            }
            held.clear();
          } else if (field.equals("packages")) {
            if (value != JsonToken.START_ARRAY) {
              throw new FeedException(label, "packages: expected an array, found " + Json.describe(value));
            }
            while (true) {
              atFault = index + 1;
              JsonToken t = p.nextToken();
              if (t == JsonToken.END_ARRAY) {
                break;
              }
              index++;
              if (t != JsonToken.START_OBJECT) {
                throw new FeedException(label, index, null, "expected a package object, found " + Json.describe(t), null);
              }
              JsonNode pkg = Json.MAPPER.readTree(p);
              if (release == null) {
                held.add(pkg);
              } else {
                pkg(pkg, release, label, index, sink);
              }
            }
            atFault = 0;
          } else {
            p.skipChildren();
          }
        }
        if (p.nextToken() != null) {
          throw new FeedException(label, "unexpected content after the secdb object");
        }
      } catch (JsonProcessingException e) {
        throw new FeedException(label, atFault, null, "malformed JSON: " + Json.message(e), e);
      }
    }
    if (release == null) {
      throw new FeedException(label, "no distroversion: cannot tell which Alpine release the fixes are for");
    }
  }

  private static void pkg(JsonNode node, String release, String label, long index, FeedSink sink) throws IOException {
    String name = node.path("pkg").path("name").isTextual() ? node.path("pkg").path("name").textValue() : null;
    try {
      JsonNode pkg = Json.optObject(Json.object(node, "package"), "pkg", "");
      if (pkg == null) {
        throw new RecordException("pkg: missing");
      }
      String pkgName = Json.text(pkg, "name", "pkg.");
      JsonNode secfixes = Json.optObject(pkg, "secfixes", "pkg.");
      if (secfixes == null) {
        return;
      }
      for (Map.Entry<String, JsonNode> fix : secfixes.properties()) {
        String version = fix.getKey().strip();
        List<String> lines = Json.texts(secfixes, fix.getKey(), "pkg.secfixes.");
        for (String line : lines) {
          List<String> ids = Arrays.stream(line.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
          for (String id : ids) {
            if (version.equals("0")) {
              sink.skipped("package not affected (secfixes version 0)");
              continue;
            }
            if (version.isEmpty()) {
              throw new RecordException("pkg.secfixes: empty version");
            }
            sink.advisory(advisory(id, ids, release, pkgName, version));
          }
        }
      }
    } catch (RecordException e) {
      throw new FeedException(label, index, name, e.getMessage(), null);
    }
  }

  private static Advisory advisory(String id, List<String> line, String release, String pkg, String fixed) {
    List<String> aliases = line.stream().filter(a -> !a.equals(id)).toList();
    Range range = new Range(Range.Type.ECOSYSTEM, List.of(new Range.Event(Range.Kind.INTRODUCED, "0"),
        new Range.Event(Range.Kind.FIXED, fixed)));
    Affected affected = new Affected(release, pkg, List.of(range), List.of(), Affected.FixState.RANGES, null, null);
    return new Advisory(id, aliases, SOURCE, null, null, Severity.UNKNOWN, "none", null, null, null, null,
        reference(id), List.of(affected));
  }

  private static List<String> reference(String id) {
    return id.startsWith("CVE-") ? List.of("https://security.alpinelinux.org/vuln/" + id) : List.of();
  }
}
