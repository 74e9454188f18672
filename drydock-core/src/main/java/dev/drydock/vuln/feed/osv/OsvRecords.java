package dev.drydock.vuln.feed.osv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.EcosystemKeys;
import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.feed.FeedSink;
import dev.drydock.vuln.feed.Json;
import dev.drydock.vuln.feed.RecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps one OSV record to an {@link Advisory}.
 *
 * <ul>
 *   <li>{@code withdrawn} records are not imported (counted as skipped);
 *   <li>{@code aliases}, then {@code upstream} ids, become the aliases, CVE ids first; a
 *       {@code related} id joins them only when the record's id is a prefixed copy of it
 *       ({@code UBUNTU-CVE-2021-44228} and {@code CVE-2021-44228}): other related ids are distinct
 *       vulnerabilities;
 *       {@code summary} the title, {@code details} the description, {@code references[].url} the
 *       references;
 *   <li>each {@code affected[]} entry with a package in a supported ecosystem becomes an
 *       {@link Affected} under its {@link EcosystemKeys} key ({@code Debian:12},
 *       {@code Ubuntu:22.04}, {@code Alpine:v3.19}, {@code Maven}, {@code PyPI} …), PyPI names
 *       PEP 503-normalised; entries of other ecosystems, without a package, or with a range this
 *       importer cannot represent are counted as skipped — an entry is never imported without
 *       its ranges, since an entry without ranges means "every version";
 *   <li>{@code SEMVER}, {@code ECOSYSTEM} and {@code GIT} ranges keep their events in order
 *       ({@code introduced}, {@code fixed}, {@code last_affected}, {@code limit}); GIT ranges are
 *       kept, and counted as a warning, since commits have no version order; {@code versions}
 *       are kept as listed;
 *   <li>severities: see {@link OsvSeverity}.
 * </ul>
 *
 * A field of the wrong JSON type, a record without {@code id}, or an affected package without
 * ecosystem or name is a {@link RecordException}.
 *
 * @see <a href="https://ossf.github.io/osv-schema/">OSV schema</a>
 */
final class OsvRecords {

  static final String SOURCE = "osv";

  /** OSV ecosystems Drydock imports, which need no release suffix. */
  private static final Set<String> LANGUAGES = Set.of(EcosystemKeys.MAVEN, EcosystemKeys.NPM,
      EcosystemKeys.PYPI, EcosystemKeys.GO, EcosystemKeys.CRATES, EcosystemKeys.RUBYGEMS,
      EcosystemKeys.PACKAGIST, EcosystemKeys.NUGET);
  /** Distribution ecosystems, which need a release ({@code Debian:12}). */
  private static final Set<String> DISTRIBUTIONS = Set.of("Debian", "Ubuntu", "Alpine");
  private static final Map<String, Range.Kind> EVENTS = Map.of("introduced", Range.Kind.INTRODUCED,
      "fixed", Range.Kind.FIXED, "last_affected", Range.Kind.LAST_AFFECTED, "limit", Range.Kind.LIMIT);

  private OsvRecords() {}

  static void read(JsonNode record, FeedSink sink) throws RecordException, IOException {
    Json.object(record, "record");
    String id = Json.text(record, "id", "");
    if (Json.optText(record, "withdrawn", "") != null) {
      sink.skipped("withdrawn advisory");
      return;
    }
    List<JsonNode> entries = Json.array(record, "affected", "");
    List<Affected> affected = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Affected a = affected(entries.get(i), id, "affected[" + i + "].", sink);
      if (a != null) {
        affected.add(a);
      }
    }
    OsvSeverity.Rating rating = OsvSeverity.advisory(record, id, sink);
    List<String> references = new ArrayList<>();
    List<JsonNode> refs = Json.array(record, "references", "");
    for (int i = 0; i < refs.size(); i++) {
      references.add(Json.text(Json.object(refs.get(i), "references[" + i + "]"), "url", "references[" + i + "]."));
    }
    Advisory advisory = new Advisory(id, aliases(record, id), SOURCE,
        Json.optText(record, "summary", ""), Json.optText(record, "details", ""),
        rating.severity(), rating.source(),
        rating.cvss() == null ? null : rating.cvss().vector(), rating.cvss() == null ? null : rating.cvss().score(),
        timestamp(record, "published", sink), timestamp(record, "modified", sink), references, affected);
    if (affected.isEmpty()) {
      sink.skipped(entries.isEmpty() ? "advisory without affected packages" : "advisory without an importable affected package");
      return;
    }
    sink.advisory(advisory);
  }

  private static List<String> aliases(JsonNode record, String id) throws RecordException {
    Set<String> all = new LinkedHashSet<>(Json.texts(record, "aliases", ""));
    all.addAll(Json.texts(record, "upstream", ""));
    for (String related : Json.texts(record, "related", "")) {
      if (id.endsWith("-" + related)) {
        all.add(related);
      }
    }
    all.remove(id);
    List<String> out = new ArrayList<>(all.size());
    all.stream().filter(a -> a.startsWith("CVE-")).forEach(out::add);
    all.stream().filter(a -> !a.startsWith("CVE-")).forEach(out::add);
    return out;
  }

  private static @Nullable Affected affected(JsonNode node, String id, String path, FeedSink sink)
      throws RecordException {
    Json.object(node, path);
    JsonNode pkg = Json.optObject(node, "package", path);
    if (pkg == null) {
      sink.skipped("affected entry without a package");
      return null;
    }
    String ecosystem = Json.text(pkg, "ecosystem", path + "package.");
    String name = Json.text(pkg, "name", path + "package.");
    String key = ecosystemKey(ecosystem);
    if (key == null) {
      int colon = ecosystem.indexOf(':');
      String base = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
      sink.skipped(DISTRIBUTIONS.contains(base) && colon < 0 ? "ecosystem " + base + " without a release"
          : "unsupported ecosystem " + (LANGUAGES.contains(base) ? ecosystem : base));
      return null;
    }
    if (key.equals(EcosystemKeys.PYPI)) {
      name = EcosystemKeys.pep503(name);
    }
    List<JsonNode> rangeNodes = Json.array(node, "ranges", path);
    List<Range> ranges = new ArrayList<>(rangeNodes.size());
    for (int j = 0; j < rangeNodes.size(); j++) {
      String rp = path + "ranges[" + j + "].";
      JsonNode r = Json.object(rangeNodes.get(j), rp);
      String type = Json.text(r, "type", rp);
      Range.Type t = switch (type) {
        case "SEMVER" -> Range.Type.SEMVER;
        case "ECOSYSTEM" -> Range.Type.ECOSYSTEM;
        case "GIT" -> Range.Type.GIT;
        default -> null;
      };
      if (t == null) {
        sink.skipped("affected entry with an unsupported range type " + type);
        return null;
      }
      List<JsonNode> eventNodes = Json.array(r, "events", rp);
      if (eventNodes.isEmpty()) {
        sink.skipped("affected entry with a range without events");
        return null;
      }
      List<Range.Event> events = new ArrayList<>(eventNodes.size());
      for (int k = 0; k < eventNodes.size(); k++) {
        String ep = rp + "events[" + k + "]";
        JsonNode e = Json.object(eventNodes.get(k), ep);
        if (e.size() != 1) {
          throw new RecordException(ep + ": expected exactly one of introduced, fixed, last_affected, limit");
        }
        String field = e.fieldNames().next();
        Range.Kind kind = EVENTS.get(field);
        if (kind == null) {
          sink.skipped("affected entry with an unknown range event " + field);
          return null;
        }
        events.add(new Range.Event(kind, Json.text(e, field, ep + ".")));
      }
      if (t == Range.Type.GIT) {
        sink.warning("GIT range kept (no version semantics)");
      }
      ranges.add(new Range(t, events));
    }
    List<String> versions = Json.texts(node, "versions", path);
    OsvSeverity.Rating rating = OsvSeverity.affected(node, id, path, sink);
    return new Affected(key, name, ranges, versions, Affected.FixState.RANGES,
        rating == null ? null : rating.severity(), rating == null ? null : rating.source());
  }

  /** The database key of an OSV ecosystem string, or null when Drydock does not import it. */
  static @Nullable String ecosystemKey(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    String base = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    if (LANGUAGES.contains(base)) {
      return colon < 0 ? base : null;
    }
    if (DISTRIBUTIONS.contains(base) && colon > 0 && colon < ecosystem.length() - 1) {
      return EcosystemKeys.fromOsv(ecosystem);
    }
    return null;
  }

  private static @Nullable Instant timestamp(JsonNode record, String field, FeedSink sink) throws RecordException {
    String s = Json.optText(record, field, "");
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      sink.warning("unparseable " + field + " timestamp ignored");
      return null;
    }
  }
}
