package dev.drydock.server.results;

import dev.drydock.index.Diagnostic;
import dev.drydock.index.Finding;
import dev.drydock.index.ImageInfo;
import dev.drydock.index.IndexReport;
import dev.drydock.report.ImageReport;
import dev.drydock.report.Statistics;
import dev.drydock.vuln.Vulnerability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes an image's results, keyed by its manifest digest (hex), shared by every tag and task that
 * names the digest. Callers run each method inside their own transaction.
 *
 * <p>Two steps, as a scan job takes them: {@link #writeIndex} keeps the inventory, layers and
 * findings (and marks the report unmatched: {@code advisory_db} NULL); {@link #writeMatch} keeps
 * the vulnerabilities and the risk counts. Re-matching calls {@link #writeMatch} alone. A finding
 * or vulnerability seen before keeps its first-seen time. Vulnerability rows are rewritten only when
 * their content hash changed, so a re-match that changes nothing writes one row.
 */
@Component
public class ResultWriter {

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  public ResultWriter(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  /** Keeps the inventory of {@code digest}; its vulnerabilities stay as they were until {@link #writeMatch}. */
  public void writeIndex(String digest, IndexReport index, List<String> scanners, Instant now) {
    String os = index.os() == null ? null : truncate(index.os().distro(), 128);
    String imageId = hex(index.image().configDigest());
    int updated = jdbc.sql("""
            UPDATE image_report SET image_id = :imageId, os = :os, index_json = :index, complete = :complete,
              diagnostics_json = :diags, scanners = :scanners, advisory_db = NULL, scanned_at = :now
            WHERE digest = :d""")
        .param("imageId", imageId).param("os", os).param("index", ReportCodec.write(index))
        .param("complete", index.complete()).param("diags", ReportCodec.write(index.diagnostics()))
        .param("scanners", String.join(",", scanners)).param("now", utc(now)).param("d", digest)
        .update();
    if (updated == 0) {
      jdbc.sql("""
              INSERT INTO image_report (digest, image_id, os, index_json, complete, diagnostics_json, scanners,
                advisory_db, scanned_at, matched_at)
              VALUES (:d, :imageId, :os, :index, :complete, :diags, :scanners, NULL, :now, :now)""")
          .param("d", digest).param("imageId", imageId).param("os", os).param("index", ReportCodec.write(index))
          .param("complete", index.complete()).param("diags", ReportCodec.write(index.diagnostics()))
          .param("scanners", String.join(",", scanners)).param("now", utc(now))
          .update();
    }
    jdbc.sql("DELETE FROM image_layer WHERE digest = :d").param("d", digest).update();
    List<MapSqlParameterSource> layers = new ArrayList<>();
    List<ImageInfo.LayerInfo> infos = index.image().layers();
    for (int i = 0; i < infos.size(); i++) {
      ImageInfo.LayerInfo l = infos.get(i);
      layers.add(new MapSqlParameterSource().addValue("d", digest).addValue("seq", i)
          .addValue("layer", l.digest()).addValue("size", l.size())
          .addValue("createdBy", l.createdBy() == null ? null : truncate(l.createdBy(), 4096)));
    }
    named.batchUpdate("INSERT INTO image_layer (digest, seq, layer_digest, size, created_by) "
        + "VALUES (:d, :seq, :layer, :size, :createdBy)", layers.toArray(MapSqlParameterSource[]::new));
    writeFindings(digest, index.findings(), now);
  }

  private void writeFindings(String digest, List<Finding> findings, Instant now) {
    Map<String, OffsetDateTime> firstSeen = new HashMap<>();
    jdbc.sql("SELECT kind, rule_id, path, first_seen_at FROM image_finding WHERE digest = :d").param("d", digest)
        .query((rs, n) -> firstSeen.putIfAbsent(rs.getString(1) + "\0" + rs.getString(2) + "\0" + rs.getString(3),
            rs.getObject(4, OffsetDateTime.class)))
        .list();
    jdbc.sql("DELETE FROM image_finding WHERE digest = :d").param("d", digest).update();
    List<MapSqlParameterSource> rows = new ArrayList<>();
    for (Finding f : findings) {
      String key = f.kind().name() + "\0" + f.ruleId() + "\0" + f.path();
      rows.add(new MapSqlParameterSource().addValue("d", digest).addValue("kind", f.kind().name())
          .addValue("rule", truncate(f.ruleId(), 128)).addValue("title", truncate(f.title(), 1024))
          .addValue("level", truncate(f.level(), 16)).addValue("path", truncate(f.path(), 2048))
          .addValue("line", f.line())
          .addValue("evidence", f.evidence() == null ? null : truncate(f.evidence(), 1024))
          .addValue("md5", f.attributes().get("md5")).addValue("sha256", f.attributes().get("sha256"))
          .addValue("layer", f.layer()).addValue("attributes", truncate(ReportCodec.write(f.attributes()), 4096))
          .addValue("first", firstSeen.getOrDefault(key, utc(now))));
    }
    named.batchUpdate("""
        INSERT INTO image_finding (digest, kind, rule_id, title, level, path, line, evidence, md5, sha256,
          layer_digest, attributes, first_seen_at)
        VALUES (:d, :kind, :rule, :title, :level, :path, :line, :evidence, :md5, :sha256, :layer, :attributes,
          :first)""", rows.toArray(MapSqlParameterSource[]::new));
  }

  /** A report matched against the advisory database, to keep; {@code expected}: see {@link #rewriteMatches}. */
  public record Match(String digest, ImageReport report, @Nullable String expected) {}

  /** Keeps the vulnerabilities and risk counts of a report matched against the advisory database {@code fingerprint}. */
  public void writeMatch(String digest, ImageReport report, String fingerprint, Instant now) {
    write(List.of(new Match(digest, report, null)), fingerprint, false, now);
  }

  /**
   * Like {@link #writeMatch} for a batch, each report kept only if the stored one is still matched
   * against its {@code expected} fingerprint (null: not matched yet) — a re-match must not overwrite a
   * newer scan. Statements are batched: a re-match that changes nothing costs one batched UPDATE.
   * Returns how many reports were kept.
   */
  public int rewriteMatches(List<Match> items, String fingerprint, Instant now) {
    return write(items, fingerprint, true, now);
  }

  private record Prepared(Match match, String hash, MapSqlParameterSource params) {}

  private record Stored(@Nullable String vulnHash, boolean complete, @Nullable String diagnostics) {}

  private int write(List<Match> items, String fingerprint, boolean conditional, Instant now) {
    if (items.isEmpty()) {
      return 0;
    }
    List<String> digests = items.stream().map(Match::digest).toList();
    Map<String, Stored> previous = new HashMap<>();
    Map<String, Statistics> previousRisk = new HashMap<>();
    jdbc.sql("SELECT digest, vuln_hash, complete, diagnostics_json FROM image_report WHERE digest IN (:d)")
        .param("d", digests)
        .query((rs, n) -> previous.put(rs.getString(1), new Stored(rs.getString(2), rs.getBoolean(3), rs.getString(4))))
        .list();
    jdbc.sql("SELECT digest, vul, baseline_num, new_suspicious FROM image_risk WHERE digest IN (:d)").param("d", digests)
        .query((rs, n) -> previousRisk.put(rs.getString(1), new Statistics(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
        .list();
    List<Prepared> same = new ArrayList<>();
    List<Prepared> differ = new ArrayList<>();
    for (Match m : items) {
      ImageReport r = m.report();
      List<Diagnostic> diags = new ArrayList<>(r.index().diagnostics());
      if (r.vulnerabilities() != null) {
        diags.addAll(r.vulnerabilities().diagnostics());
      }
      String hash = hash(vulns(r));
      String diagsJson = ReportCodec.write(diags);
      Stored before = previous.get(m.digest());
      MapSqlParameterSource p = new MapSqlParameterSource().addValue("fp", truncate(fingerprint, 256))
          .addValue("now", utc(now)).addValue("complete", r.complete()).addValue("diags", diagsJson)
          .addValue("hash", hash).addValue("d", m.digest())
          .addValue("expected", m.expected() == null ? "" : m.expected());
      boolean unchanged = before != null && hash.equals(before.vulnHash()) && before.complete() == r.complete()
          && diagsJson.equals(before.diagnostics()) && r.statistics().equals(previousRisk.get(m.digest()));
      (unchanged ? same : differ).add(new Prepared(m, hash, p));
    }
    // A report matched to the same result only gets its fingerprint and time, in one statement per
    // batch; the big row stays as it is.
    String condition = conditional ? " AND COALESCE(advisory_db, '') = :expected" : "";
    int sameKept = 0;
    Map<String, List<String>> sameByExpected = new HashMap<>();
    same.forEach(p -> sameByExpected.computeIfAbsent((String) p.params().getValue("expected"), k -> new ArrayList<>())
        .add(p.match().digest()));
    for (Map.Entry<String, List<String>> e : sameByExpected.entrySet()) {
      for (int i = 0; i < e.getValue().size(); i += 500) {
        sameKept += jdbc.sql("UPDATE image_report SET advisory_db = :fp, matched_at = :now WHERE digest IN (:ds)"
                + condition)
            .param("fp", truncate(fingerprint, 256)).param("now", utc(now)).param("expected", e.getKey())
            .param("ds", e.getValue().subList(i, Math.min(e.getValue().size(), i + 500))).update();
      }
    }
    List<Prepared> kept = batch("UPDATE image_report SET advisory_db = :fp, matched_at = :now, complete = :complete, "
        + "diagnostics_json = :diags, vuln_hash = :hash WHERE digest = :d" + condition, differ);
    List<MapSqlParameterSource> riskUpdates = new ArrayList<>();
    List<MapSqlParameterSource> riskInserts = new ArrayList<>();
    Map<String, List<Vulnerability>> changed = new java.util.LinkedHashMap<>();
    for (Prepared k : kept) {
      Stored stored = previous.get(k.match().digest());
      if (stored == null || !k.hash().equals(stored.vulnHash())) {
        changed.put(k.match().digest(), vulns(k.match().report()));
      }
      Statistics s = k.match().report().statistics();
      Statistics before = previousRisk.get(k.match().digest());
      MapSqlParameterSource p = new MapSqlParameterSource().addValue("d", k.match().digest()).addValue("v", s.vul())
          .addValue("b", s.baselineNum()).addValue("s", s.newSuspicious()).addValue("now", utc(now));
      if (before == null) {
        riskInserts.add(p);
      } else if (!before.equals(s)) {
        riskUpdates.add(p);
      }
    }
    writeVulns(changed, now);
    if (!riskUpdates.isEmpty()) {
      named.batchUpdate("UPDATE image_risk SET vul = :v, baseline_num = :b, new_suspicious = :s, scanned_at = :now "
          + "WHERE digest = :d", riskUpdates.toArray(MapSqlParameterSource[]::new));
    }
    if (!riskInserts.isEmpty()) {
      named.batchUpdate("INSERT INTO image_risk (digest, vul, baseline_num, new_suspicious, scanned_at) "
          + "VALUES (:d, :v, :b, :s, :now)", riskInserts.toArray(MapSqlParameterSource[]::new));
    }
    return sameKept + kept.size();
  }

  /** Runs one statement per item in a batch; returns the items whose row it changed. */
  private List<Prepared> batch(String sql, List<Prepared> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    int[] counts = named.batchUpdate(sql, items.stream().map(Prepared::params).toArray(MapSqlParameterSource[]::new));
    List<Prepared> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (counts[i] != 0) {
        out.add(items.get(i));
      }
    }
    return out;
  }

  private static List<Vulnerability> vulns(ImageReport r) {
    return r.vulnerabilities() == null ? List.of() : r.vulnerabilities().vulnerabilities();
  }

  /**
   * Brings the vulnerability rows of each digest to the given list: rows whose content did not
   * change stay as they are, vanished ones are deleted, new ones inserted (a vulnerability seen
   * before under the same identity keeps its first-seen time).
   */
  private void writeVulns(Map<String, List<Vulnerability>> byDigest, Instant now) {
    if (byDigest.isEmpty()) {
      return;
    }
    Map<String, Map<VulnRow, java.util.Deque<Long>>> stored = new HashMap<>();
    Map<String, OffsetDateTime> firstSeen = new HashMap<>();
    jdbc.sql("SELECT id, digest, " + VulnRow.COLUMNS + ", first_seen_at FROM image_vuln WHERE digest IN (:d)")
        .param("d", List.copyOf(byDigest.keySet()))
        .query((rs, n) -> {
          VulnRow row = VulnRow.read(rs);
          String digest = rs.getString("digest");
          stored.computeIfAbsent(digest, k -> new HashMap<>()).computeIfAbsent(row, k -> new java.util.ArrayDeque<>())
              .add(rs.getLong("id"));
          return firstSeen.putIfAbsent(digest + "\0" + row.identity(), rs.getObject("first_seen_at", OffsetDateTime.class));
        })
        .list();
    List<MapSqlParameterSource> inserts = new ArrayList<>();
    byDigest.forEach((digest, vulns) -> {
      Map<VulnRow, java.util.Deque<Long>> old = stored.getOrDefault(digest, new HashMap<>());
      for (Vulnerability v : vulns) {
        VulnRow row = VulnRow.of(v);
        java.util.Deque<Long> same = old.get(row);
        if (same != null && !same.isEmpty()) {
          same.pop();
        } else {
          inserts.add(row.params(digest, firstSeen.getOrDefault(digest + "\0" + row.identity(), utc(now))));
        }
      }
    });
    List<Long> deletes = new ArrayList<>();
    stored.values().forEach(m -> m.values().forEach(deletes::addAll));
    for (int i = 0; i < deletes.size(); i += 1000) {
      jdbc.sql("DELETE FROM image_vuln WHERE id IN (:ids)").param("ids", deletes.subList(i, Math.min(deletes.size(), i + 1000)))
          .update();
    }
    if (!inserts.isEmpty()) {
      named.batchUpdate(VulnRow.INSERT, inserts.toArray(MapSqlParameterSource[]::new));
    }
  }

  /** A SHA-256 over every stored field of the vulnerabilities, in order. */
  static String hash(List<Vulnerability> vulns) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Vulnerability v : vulns) {
        md.update(VulnRow.of(v).toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static @Nullable String hex(@Nullable String digest) {
    if (digest == null) {
      return null;
    }
    int colon = digest.indexOf(':');
    return colon < 0 ? digest : digest.substring(colon + 1);
  }

  static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** {@code s} cut to {@code max} characters (the last one an ellipsis). */
  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
