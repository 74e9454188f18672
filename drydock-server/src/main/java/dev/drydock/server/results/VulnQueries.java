package dev.drydock.server.results;

import dev.drydock.server.inventory.SqlWhere;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored vulnerabilities for DescribeImageVulList, DescribeImageGroupedVulList and
 * DescribeImageSecurityScanCount. A <em>record</em> is one vulnerability (by CVE id, else advisory
 * id) of one inventory image, with every affected package of the image; its necessity follows its
 * most severe package: {@code asap} CRITICAL/HIGH, {@code later} MEDIUM, {@code nntf} LOW/UNKNOWN.
 */
@Component
public class VulnQueries {

  static final String RANK = "CASE v.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 "
      + "WHEN 'LOW' THEN 3 ELSE 4 END";

  private final JdbcClient jdbc;

  public VulnQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Which vulnerabilities: {@code type} cve (OS packages) or sca (language packages), null both;
   * {@code vulnId} the CVE or advisory id; {@code aliasLike} a substring of id or title;
   * {@code necessities} asap/later/nntf (empty: all); {@code layer} the digest of the layer that
   * brought the package.
   */
  public record Filter(@Nullable String type, @Nullable String vulnId, @Nullable String aliasLike,
      Set<String> necessities, @Nullable String layer) {}

  /** One affected package of a record. */
  public record Pkg(long id, String ecosystem, String name, String version, @Nullable String fixedVersion,
      String fixStatus, String severity, @Nullable Double cvssScore, @Nullable String layer, String path,
      @Nullable String purl, @Nullable String title, String aliases, Instant firstSeen) {}

  /** One vulnerability of one image. */
  public record VulnRecord(ImageRef image, String vulnId, String type, List<Pkg> packages) {
    public String necessity() {
      return VulnQueries.necessity(packages.stream().map(p -> rank(p.severity())).min(Integer::compare).orElse(4));
    }

    public boolean canFix() {
      return packages.stream().anyMatch(p -> p.fixedVersion() != null);
    }

    public Instant firstSeen() {
      return packages.stream().map(Pkg::firstSeen).min(Instant::compareTo).orElse(Instant.EPOCH);
    }

    public @Nullable String title() {
      return packages.stream().map(Pkg::title).filter(t -> t != null && !t.isBlank()).findFirst().orElse(null);
    }
  }

  /** A vulnerability over every image in scope. */
  public record Group(String vulnId, String type, long asap, long later, long nntf, boolean canFix,
      @Nullable Instant lastMatched, @Nullable String title) {}

  public long countRecords(ImageScope scope, Filter f) {
    Map<String, Object> p = new HashMap<>();
    String sql = recordKeys(scope, f, p);
    return jdbc.sql("SELECT COUNT(*) FROM (" + sql + ") k").params(p).query(Long.class).single();
  }

  /** One page of records, by image, then severity, then id. */
  public List<VulnRecord> records(ImageScope scope, Filter f, int page, int pageSize) {
    Map<String, Object> p = new HashMap<>();
    String sql = recordKeys(scope, f, p) + " ORDER BY i.id, rnk, v.vuln_id LIMIT :limit OFFSET :offset";
    p.put("limit", pageSize);
    p.put("offset", (long) (page - 1) * pageSize);
    List<Object[]> keys = jdbc.sql(sql).params(p).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
        .list();
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<String, Object> q = new HashMap<>();
    q.put("ids", keys.stream().map(k -> k[0]).distinct().toList());
    q.put("vulnIds", keys.stream().map(k -> k[1]).distinct().toList());
    String type = f.type() == null ? "" : " AND v.vuln_type = :type";
    if (f.type() != null) {
      q.put("type", f.type());
    }
    Map<String, ImageRef> images = new HashMap<>();
    Map<String, List<Pkg>> packages = new LinkedHashMap<>();
    Map<String, String> types = new HashMap<>();
    jdbc.sql("SELECT " + ImageRef.COLUMNS + ", v.id AS v_id, v.vuln_id, v.vuln_type, v.ecosystem, v.package_name, "
            + "v.package_version, v.fixed_version, v.fix_status, v.severity, v.cvss_score, v.layer_digest, v.path, v.purl, "
            + "v.title, v.aliases, v.first_seen_at" + ImageRef.FROM + " JOIN image_vuln v ON v.digest = i.digest"
            + " WHERE i.id IN (:ids) AND v.vuln_id IN (:vulnIds)" + type + " ORDER BY v.id")
        .params(q)
        .query((rs, n) -> {
          String key = rs.getLong("img_pk") + "\0" + rs.getString("vuln_id");
          images.putIfAbsent(key, ImageRef.read(rs));
          types.putIfAbsent(key, rs.getString("vuln_type"));
          OffsetDateTime first = rs.getObject("first_seen_at", OffsetDateTime.class);
          packages.computeIfAbsent(key, k -> new ArrayList<>()).add(new Pkg(rs.getLong("v_id"),
              rs.getString("ecosystem"), rs.getString("package_name"), rs.getString("package_version"),
              rs.getString("fixed_version"), rs.getString("fix_status"), rs.getString("severity"),
              rs.getObject("cvss_score", Double.class), rs.getString("layer_digest"), rs.getString("path"),
              rs.getString("purl"), rs.getString("title"), nz(rs.getString("aliases")),
              first == null ? Instant.EPOCH : first.toInstant()));
          return key;
        })
        .list();
    List<VulnRecord> out = new ArrayList<>();
    for (Object[] k : keys) {
      String key = k[0] + "\0" + k[1];
      if (images.containsKey(key)) {
        out.add(new VulnRecord(images.get(key), (String) k[1], types.get(key), packages.get(key)));
      }
    }
    return out;
  }

  private static String recordKeys(ImageScope scope, Filter f, Map<String, Object> p) {
    List<String> c = scope.conditions(p);
    c.addAll(vulnConditions(f, p));
    String having = necessityHaving(f);
    return "SELECT i.id, v.vuln_id, MIN(" + RANK + ") AS rnk" + ImageRef.FROM
        + " JOIN image_vuln v ON v.digest = i.digest" + where(c) + " GROUP BY i.id, v.vuln_id" + having;
  }

  public long countGroups(ImageScope scope, Filter f) {
    Map<String, Object> p = new HashMap<>();
    return jdbc.sql("SELECT COUNT(*) FROM (" + groups(scope, f, p) + ") g").params(p).query(Long.class).single();
  }

  /** One page of vulnerabilities over the images in scope, most severe first. */
  public List<Group> groups(ImageScope scope, Filter f, int page, int pageSize) {
    Map<String, Object> p = new HashMap<>();
    String sql = groups(scope, f, p) + " ORDER BY rnk, k.vuln_id LIMIT :limit OFFSET :offset";
    p.put("limit", pageSize);
    p.put("offset", (long) (page - 1) * pageSize);
    List<Group> out = jdbc.sql(sql).params(p).query((rs, n) -> {
      OffsetDateTime last = rs.getObject("last_matched", OffsetDateTime.class);
      return new Group(rs.getString("vuln_id"), rs.getString("vuln_type"), rs.getLong("asap"), rs.getLong("later"),
          rs.getLong("nntf"), rs.getInt("fixable") > 0, last == null ? null : last.toInstant(), null);
    }).list();
    if (out.isEmpty()) {
      return out;
    }
    Map<String, String> titles = new HashMap<>();
    jdbc.sql("SELECT vuln_id, MAX(title) FROM image_vuln WHERE vuln_id IN (:ids) GROUP BY vuln_id")
        .param("ids", out.stream().map(Group::vulnId).distinct().toList())
        .query((rs, n) -> titles.put(rs.getString(1), rs.getString(2))).list();
    return out.stream().map(g -> new Group(g.vulnId(), g.type(), g.asap(), g.later(), g.nntf(), g.canFix(),
        g.lastMatched(), titles.get(g.vulnId()))).toList();
  }

  private static String groups(ImageScope scope, Filter f, Map<String, Object> p) {
    List<String> c = scope.conditions(p);
    c.addAll(vulnConditions(f, p));
    String perImage = "SELECT i.id, v.vuln_id, v.vuln_type, MIN(" + RANK + ") AS rnk, MAX(rep.matched_at) AS matched, "
        + "MAX(CASE WHEN v.fixed_version IS NULL THEN 0 ELSE 1 END) AS fixable" + ImageRef.FROM
        + " JOIN image_vuln v ON v.digest = i.digest" + where(c) + " GROUP BY i.id, v.vuln_id, v.vuln_type"
        + necessityHaving(f);
    return "SELECT k.vuln_id, k.vuln_type, MIN(k.rnk) AS rnk, SUM(CASE WHEN k.rnk <= 1 THEN 1 ELSE 0 END) AS asap, "
        + "SUM(CASE WHEN k.rnk = 2 THEN 1 ELSE 0 END) AS later, SUM(CASE WHEN k.rnk >= 3 THEN 1 ELSE 0 END) AS nntf, "
        + "MAX(k.matched) AS last_matched, MAX(k.fixable) AS fixable FROM (" + perImage + ") k"
        + " GROUP BY k.vuln_id, k.vuln_type";
  }

  private static List<String> vulnConditions(Filter f, Map<String, Object> p) {
    List<String> c = new ArrayList<>();
    if (f.type() != null) {
      c.add("v.vuln_type = :type");
      p.put("type", f.type());
    }
    if (f.vulnId() != null) {
      c.add("(v.vuln_id = :vulnId OR v.advisory_id = :vulnId)");
      p.put("vulnId", f.vulnId());
    }
    if (f.aliasLike() != null) {
      c.add("(LOWER(v.vuln_id) LIKE :alias ESCAPE '\\' OR LOWER(COALESCE(v.title, '')) LIKE :alias ESCAPE '\\')");
      p.put("alias", SqlWhere.containsPattern(f.aliasLike().toLowerCase(Locale.ROOT)));
    }
    if (f.layer() != null) {
      c.add("v.layer_digest = :layer");
      p.put("layer", f.layer());
    }
    return c;
  }

  private static String necessityHaving(Filter f) {
    if (f.necessities().isEmpty()) {
      return "";
    }
    List<String> ranks = new ArrayList<>();
    if (f.necessities().contains("asap")) {
      ranks.addAll(List.of("0", "1"));
    }
    if (f.necessities().contains("later")) {
      ranks.add("2");
    }
    if (f.necessities().contains("nntf")) {
      ranks.addAll(List.of("3", "4"));
    }
    return ranks.isEmpty() ? " HAVING 1 = 0" : " HAVING MIN(" + RANK + ") IN (" + String.join(", ", ranks) + ")";
  }

  static String where(List<String> c) {
    return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
  }

  static int rank(String severity) {
    return switch (severity) {
      case "CRITICAL" -> 0;
      case "HIGH" -> 1;
      case "MEDIUM" -> 2;
      case "LOW" -> 3;
      default -> 4;
    };
  }

  static String necessity(int rank) {
    return rank <= 1 ? "asap" : rank == 2 ? "later" : "nntf";
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
