package dev.drydock.server.results;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored findings (baseline, secret, malware) of the inventory images in a scope. Evidence is
 * stored masked by the engine; nothing here ever holds a secret in clear.
 */
@Component
public class FindingQueries {

  private final JdbcClient jdbc;

  public FindingQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A finding of an image. */
  public record Row(long id, ImageRef image, String kind, String ruleId, String title, String level, String path,
      @Nullable Integer line, @Nullable String evidence, @Nullable String md5, @Nullable String sha256,
      @Nullable String layer, Instant firstSeen) {}

  /** Per image and rule: how a rule fired in one image (aggregates over its files). */
  public record ImageRule(ImageRef image, String ruleId, String title, String level, long files, Instant firstSeen) {}

  /** One finding per row, in image then rule then path order, optionally narrowed further. */
  public List<Row> rows(ImageScope scope, String kind, Map<String, Object> extraParams, String extraCondition,
      int limit, long offset) {
    Map<String, Object> p = new HashMap<>(extraParams);
    List<String> c = conditions(scope, kind, extraCondition, p);
    p.put("limit", limit);
    p.put("offset", offset);
    return jdbc.sql("SELECT " + ImageRef.COLUMNS + ", f.id AS f_id, f.kind, f.rule_id, f.title, f.level, f.path, f.line, "
            + "f.evidence, f.md5, f.sha256, f.layer_digest, f.first_seen_at" + ImageRef.FROM
            + " JOIN image_finding f ON f.digest = i.digest" + VulnQueries.where(c)
            + " ORDER BY i.id, f.rule_id, f.path, f.id LIMIT :limit OFFSET :offset")
        .params(p)
        .query((rs, n) -> {
          OffsetDateTime first = rs.getObject("first_seen_at", OffsetDateTime.class);
          return new Row(rs.getLong("f_id"), ImageRef.read(rs), rs.getString("kind"), rs.getString("rule_id"),
              rs.getString("title"), rs.getString("level"), rs.getString("path"), rs.getObject("line", Integer.class),
              rs.getString("evidence"), rs.getString("md5"), rs.getString("sha256"), rs.getString("layer_digest"),
              first == null ? Instant.EPOCH : first.toInstant());
        })
        .list();
  }

  public long count(ImageScope scope, String kind, Map<String, Object> extraParams, String extraCondition) {
    Map<String, Object> p = new HashMap<>(extraParams);
    List<String> c = conditions(scope, kind, extraCondition, p);
    return jdbc.sql("SELECT COUNT(*)" + ImageRef.FROM + " JOIN image_finding f ON f.digest = i.digest"
        + VulnQueries.where(c)).params(p).query(Long.class).single();
  }

  /** Every (image, rule) pair of a kind in scope, with its file count. */
  public List<ImageRule> imageRules(ImageScope scope, String kind) {
    Map<String, Object> p = new HashMap<>();
    List<String> c = conditions(scope, kind, "", p);
    List<ImageRule> out = new ArrayList<>();
    jdbc.sql("SELECT " + ImageRef.COLUMNS + ", f.rule_id, MAX(f.title) AS title, MIN(f.level) AS lvl, "
            + "COUNT(*) AS files, MIN(f.first_seen_at) AS first" + ImageRef.FROM
            + " JOIN image_finding f ON f.digest = i.digest" + VulnQueries.where(c)
            + " GROUP BY i.id, i.uuid, i.tag, i.digest, r.registry_id, r.repo_id, r.repo_namespace, r.repo_name, "
            + "r.region_id, r.registry_type, rep.os, rep.scanned_at, rep.matched_at, f.rule_id ORDER BY i.id, f.rule_id")
        .params(p)
        .query((rs, n) -> {
          OffsetDateTime first = rs.getObject("first", OffsetDateTime.class);
          return out.add(new ImageRule(ImageRef.read(rs), rs.getString("rule_id"), rs.getString("title"),
              rs.getString("lvl"), rs.getLong("files"), first == null ? Instant.EPOCH : first.toInstant()));
        })
        .list();
    return out;
  }

  /** Findings of a kind grouped by rule and file content (MD5): how many images hold each. */
  public record Sample(String ruleId, @Nullable String md5, String title, String level, long images, long findings,
      Instant firstSeen, @Nullable Instant lastScanned) {}

  public long countSamples(ImageScope scope, String kind, Map<String, Object> extraParams, String extraCondition) {
    Map<String, Object> p = new HashMap<>(extraParams);
    String sql = samples(scope, kind, p, extraCondition);
    return jdbc.sql("SELECT COUNT(*) FROM (" + sql + ") s").params(p).query(Long.class).single();
  }

  public List<Sample> samples(ImageScope scope, String kind, Map<String, Object> extraParams, String extraCondition,
      int limit, long offset) {
    Map<String, Object> p = new HashMap<>(extraParams);
    String sql = samples(scope, kind, p, extraCondition) + " ORDER BY f.rule_id, f.md5 LIMIT :limit OFFSET :offset";
    p.put("limit", limit);
    p.put("offset", offset);
    return jdbc.sql(sql).params(p).query((rs, n) -> {
      OffsetDateTime first = rs.getObject("first", OffsetDateTime.class);
      OffsetDateTime last = rs.getObject("last", OffsetDateTime.class);
      return new Sample(rs.getString("rule_id"), rs.getString("md5"), rs.getString("title"), rs.getString("lvl"),
          rs.getLong("images"), rs.getLong("findings"), first == null ? Instant.EPOCH : first.toInstant(), last == null ? null : last.toInstant());
    }).list();
  }

  private static String samples(ImageScope scope, String kind, Map<String, Object> p, String extraCondition) {
    List<String> c = conditions(scope, kind, extraCondition, p);
    return "SELECT f.rule_id, f.md5, MAX(f.title) AS title, MAX(f.level) AS lvl, COUNT(DISTINCT i.id) AS images, COUNT(*) AS findings, "
        + "MIN(f.first_seen_at) AS first, MAX(rep.scanned_at) AS last" + ImageRef.FROM
        + " JOIN image_finding f ON f.digest = i.digest" + VulnQueries.where(c) + " GROUP BY f.rule_id, f.md5";
  }

  /** The scope's conditions, the kind's, and {@code extra} (if any), their parameters put into {@code p}. */
  private static List<String> conditions(ImageScope scope, String kind, String extra, Map<String, Object> p) {
    List<String> c = scope.conditions(p);
    c.add("f.kind = :kind");
    p.put("kind", kind);
    if (!extra.isEmpty()) {
      c.add(extra);
    }
    return c;
  }
}
