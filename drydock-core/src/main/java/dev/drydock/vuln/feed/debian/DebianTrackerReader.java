package dev.drydock.vuln.feed.debian;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.EcosystemKeys;
import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.feed.DebianUrgency;
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
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the Debian Security Tracker's JSON export
 * ({@code https://security-tracker.debian.org/tracker/data/json}, ~70 MB): an object of source
 * packages, each an object of issues (CVE ids, or {@code TEMP-…} ids for issues without one),
 * each {@code {description, scope, debianbug, releases: {codename: {status, fixed_version,
 * urgency, nodsa, nodsa_reason, repositories}}}}. The file is streamed; only one issue is held as a
 * tree at a time. A record is one (package, issue) pair, numbered in file order.
 *
 * <p>Per release (ecosystem {@link EcosystemKeys#debian}: {@code Debian:12}; unknown codenames such
 * as {@code sid} stay {@code Debian:sid}):
 * <ul>
 *   <li>{@code resolved} with {@code fixed_version} {@code 0}: the release was never affected —
 *       skipped (counted);
 *   <li>{@code resolved} with a version V: range {@code introduced 0, fixed V};
 *   <li>{@code open}: range {@code introduced 0}, unfixed; {@link Affected.FixState#WILL_NOT_FIX}
 *       when {@code nodsa_reason} is {@code ignored} or the urgency is {@code unimportant};
 *   <li>{@code undetermined}: range {@code introduced 0}, {@link Affected.FixState#UNDETERMINED};
 *   <li>any other status: skipped (counted).
 * </ul>
 * The urgency becomes the entry's severity ({@link DebianUrgency}, source {@code debian-urgency}).
 * Advisory-level severity is UNKNOWN (source {@code none}): the export carries no CVSS. The
 * description becomes the advisory's description; the tracker page and the Debian bug (when
 * {@code debianbug} is given) its references.
 *
 * @see <a href="https://security-team.debian.org/security_tracker.html">Debian security tracker</a>
 */
public final class DebianTrackerReader implements FeedReader {

  public static final String SOURCE = "debian-tracker";

  @Override
  public FeedKind kind() {
    return FeedKind.DEBIAN_TRACKER;
  }

  @Override
  public void read(Path input, String label, FeedSink sink) throws IOException {
    long index = 0;
    long atFault = 1;
    String id = null;
    try (InputStream in = FeedInput.open(input); JsonParser p = Json.parser(in)) {
      try {
        expect(p.nextToken(), JsonToken.START_OBJECT, label, 0, null, "the tracker export");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String pkg = p.currentName();
          id = pkg;
          expect(p.nextToken(), JsonToken.START_OBJECT, label, atFault, id, "package " + pkg);
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String issue = p.currentName();
            atFault = ++index;
            id = issue + " in " + pkg;
            expect(p.nextToken(), JsonToken.START_OBJECT, label, atFault, id, "the issue");
            JsonNode node = Json.MAPPER.readTree(p);
            try {
              issue(pkg, issue, node, sink);
            } catch (RecordException e) {
              throw new FeedException(label, atFault, id, e.getMessage(), null);
            }
            atFault = index + 1;
            id = pkg;
          }
          expect(p.currentToken(), JsonToken.END_OBJECT, label, atFault, id, "package " + pkg);
          id = null;
        }
        expect(p.currentToken(), JsonToken.END_OBJECT, label, atFault, null, "the tracker export");
        if (p.nextToken() != null) {
          throw new FeedException(label, "unexpected content after the tracker export at line "
              + p.currentLocation().getLineNr());
        }
      } catch (JsonProcessingException e) {
        throw new FeedException(label, atFault, id, "malformed JSON: " + Json.message(e), e);
      }
    }
  }

  private static void expect(@Nullable JsonToken actual, JsonToken wanted, String label, long index,
      @Nullable String id, String what) throws FeedException {
    if (actual != wanted) {
      throw new FeedException(label, index, id, what + ": expected " + Json.describe(wanted) + ", found "
          + Json.describe(actual), null);
    }
  }

  static void issue(String pkg, String id, JsonNode node, FeedSink sink) throws RecordException, IOException {
    String description = Json.optText(node, "description", "");
    JsonNode releases = Json.optObject(node, "releases", "");
    if (releases == null) {
      sink.skipped("issue without releases");
      return;
    }
    List<Affected> affected = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : releases.properties()) {
      Affected a = release(pkg, e.getKey(), Json.object(e.getValue(), "releases." + e.getKey()),
          "releases." + e.getKey() + ".", sink);
      if (a != null) {
        affected.add(a);
      }
    }
    if (affected.isEmpty()) {
      return;
    }
    List<String> references = new ArrayList<>();
    references.add("https://security-tracker.debian.org/tracker/" + id);
    JsonNode bug = node.get("debianbug");
    if (bug != null && (bug.isIntegralNumber() || bug.isTextual()) && !bug.asText().isBlank()) {
      references.add("https://bugs.debian.org/" + bug.asText());
    }
    sink.advisory(new Advisory(id, List.of(), SOURCE, null, description, Severity.UNKNOWN, "none", null, null,
        null, null, references, affected));
  }

  private static @Nullable Affected release(String pkg, String codename, JsonNode r, String path, FeedSink sink)
      throws RecordException {
    String status = Json.text(r, "status", path);
    String fixed = Json.optText(r, "fixed_version", path);
    String urgency = Json.optText(r, "urgency", path);
    String nodsaReason = Json.optText(r, "nodsa_reason", path);
    JsonNode nodsa = r.get("nodsa");
    if (nodsa != null && !nodsa.isNull() && !nodsa.isTextual() && !nodsa.isBoolean()) {
      throw new RecordException(path + "nodsa: expected a string, found " + Json.describe(nodsa));
    }
    Json.optObject(r, "repositories", path);
    Severity severity = null;
    if (urgency != null && !urgency.isBlank()) {
      severity = DebianUrgency.severity(urgency);
      if (severity == null) {
        sink.warning("unknown urgency " + DebianUrgency.normalise(urgency) + " (severity UNKNOWN)");
        severity = Severity.UNKNOWN;
      }
    }
    String ecosystem = EcosystemKeys.debian(codename);
    Range unfixed = new Range(Range.Type.ECOSYSTEM, List.of(new Range.Event(Range.Kind.INTRODUCED, "0")));
    boolean hasFix = fixed != null && !fixed.isBlank();
    Affected.FixState state;
    Range range;
    switch (status) {
      case "resolved" -> {
        if (!hasFix) {
          sink.skipped("resolved release without fixed_version");
          return null;
        }
        if (fixed.equals("0")) {
          sink.skipped("release not affected (fixed_version 0)");
          return null;
        }
        state = Affected.FixState.RANGES;
        range = new Range(Range.Type.ECOSYSTEM, List.of(new Range.Event(Range.Kind.INTRODUCED, "0"),
            new Range.Event(Range.Kind.FIXED, fixed)));
      }
      case "open" -> {
        if (hasFix) {
          sink.warning("fixed_version of an open release ignored");
        }
        boolean ignored = "ignored".equals(nodsaReason)
            || (urgency != null && DebianUrgency.normalise(urgency).equals("unimportant"));
        state = ignored ? Affected.FixState.WILL_NOT_FIX : Affected.FixState.RANGES;
        range = unfixed;
      }
      case "undetermined" -> {
        state = Affected.FixState.UNDETERMINED;
        range = unfixed;
      }
      default -> {
        sink.skipped("release with unknown status " + status);
        return null;
      }
    }
    return new Affected(ecosystem, pkg, List.of(range), List.of(), state, severity,
        severity == null ? null : DebianUrgency.SOURCE);
  }
}
