package dev.drydock.vuln.feed.osv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.cvss.Cvss;
import dev.drydock.vuln.cvss.CvssScore;
import dev.drydock.vuln.feed.DebianUrgency;
import dev.drydock.vuln.feed.FeedSink;
import dev.drydock.vuln.feed.Json;
import dev.drydock.vuln.feed.RecordException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Severities of OSV records.
 *
 * <p>Advisory level, first that applies: the database's own word in
 * {@code database_specific.severity} (GitHub: LOW/MODERATE/HIGH/CRITICAL; source: the id's prefix,
 * {@code ghsa}); an {@code Ubuntu} entry of {@code severity[]} (source {@code ubuntu}); the best
 * CVSS vector of {@code severity[]} — v4.0, else v3.1, else v3.0, else v2 — (source
 * {@code cvss:4.0} …); else UNKNOWN with source {@code none}. The best vector and its score are
 * kept whichever rating wins.
 *
 * <p>Affected level (a rating for one package that overrides the advisory's):
 * {@code ecosystem_specific.severity} or {@code database_specific.severity} (source: the id's
 * prefix), Ubuntu's {@code ecosystem_specific.ubuntu_priority} (source {@code ubuntu}), Debian's
 * {@code ecosystem_specific.urgency} (source {@code debian-urgency}), or the entry's own
 * {@code severity[]} (OSV 1.7).
 *
 * <p>A vector that does not parse, a severity type or word this importer does not know, is
 * ignored and counted as a warning.
 *
 * @see <a href="https://ossf.github.io/osv-schema/#severity-field">OSV severity</a>
 */
final class OsvSeverity {

  /** A rating and where it came from, with the best CVSS vector when there is one. */
  record Rating(Severity severity, String source, @Nullable CvssScore cvss) {}

  private OsvSeverity() {}

  static Rating advisory(JsonNode record, String id, FeedSink sink) throws RecordException {
    Rating fromList = fromList(record, "", sink);
    JsonNode db = Json.optObject(record, "database_specific", "");
    Severity own = db == null ? null : word(db, "severity", sink);
    if (own != null) {
      return new Rating(own, prefix(id), fromList == null ? null : fromList.cvss());
    }
    return fromList != null ? fromList : new Rating(Severity.UNKNOWN, "none", null);
  }

  static @Nullable Rating affected(JsonNode affected, String id, String path, FeedSink sink) throws RecordException {
    JsonNode eco = Json.optObject(affected, "ecosystem_specific", path);
    JsonNode db = Json.optObject(affected, "database_specific", path);
    for (JsonNode specific : new JsonNode[] {eco, db}) {
      Severity s = specific == null ? null : word(specific, "severity", sink);
      if (s != null) {
        return new Rating(s, prefix(id), null);
      }
    }
    if (eco != null && eco.hasNonNull("ubuntu_priority")) {
      JsonNode u = eco.get("ubuntu_priority");
      Severity s = u.isTextual() ? Severity.parse(u.textValue()) : Severity.UNKNOWN;
      if (s != Severity.UNKNOWN) {
        return new Rating(s, "ubuntu", null);
      }
      sink.warning("unknown ecosystem_specific.ubuntu_priority ignored");
    }
    if (eco != null && eco.hasNonNull("urgency")) {
      JsonNode u = eco.get("urgency");
      Severity s = u.isTextual() ? DebianUrgency.severity(u.textValue()) : null;
      if (s != null) {
        return new Rating(s, DebianUrgency.SOURCE, null);
      }
      sink.warning("unknown ecosystem_specific.urgency ignored");
    }
    return fromList(affected, path, sink);
  }

  /** The rating from a {@code severity[]} list: a distribution's word, else the best vector. */
  private static @Nullable Rating fromList(JsonNode node, String path, FeedSink sink) throws RecordException {
    List<JsonNode> list = Json.array(node, "severity", path);
    CvssScore best = null;
    Severity distro = null;
    String distroSource = null;
    for (int i = 0; i < list.size(); i++) {
      String p = path + "severity[" + i + "].";
      JsonNode s = Json.object(list.get(i), p);
      String type = Json.text(s, "type", p);
      String score = Json.text(s, "score", p);
      switch (type) {
        case "CVSS_V2", "CVSS_V3", "CVSS_V4" -> {
          try {
            CvssScore c = Cvss.score(score);
            if (best == null || c.rank() > best.rank()) {
              best = c;
            }
          } catch (IllegalArgumentException e) {
            sink.warning("invalid " + type + " vector ignored");
          }
        }
        case "Ubuntu" -> {
          Severity parsed = Severity.parse(score);
          if (parsed == Severity.UNKNOWN) {
            sink.warning("unknown Ubuntu priority ignored");
          } else {
            distro = parsed;
            distroSource = "ubuntu";
          }
        }
        default -> sink.warning("unknown severity type " + type + " ignored");
      }
    }
    if (distro != null) {
      return new Rating(distro, distroSource, best);
    }
    return best == null ? null : new Rating(best.severity(), best.source(), best);
  }

  /** A severity word in {@code field}, null when absent; unknown words and non-strings are warned about. */
  private static @Nullable Severity word(JsonNode specific, String field, FeedSink sink) {
    JsonNode n = specific.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      Severity s = Severity.parse(n.textValue());
      if (s != Severity.UNKNOWN) {
        return s;
      }
    }
    sink.warning("unknown " + field + " word in database_specific/ecosystem_specific ignored");
    return null;
  }

  /** The severity source for a database's own word: the lower-cased id prefix ({@code ghsa}). */
  static String prefix(String id) {
    int dash = id.indexOf('-');
    return dash > 0 ? id.substring(0, dash).toLowerCase(Locale.ROOT) : "osv";
  }
}
