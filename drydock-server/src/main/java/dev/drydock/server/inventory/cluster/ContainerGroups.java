package dev.drydock.server.inventory.cluster;

import dev.drydock.server.inventory.SqlWhere;
import static dev.drydock.server.inventory.RegistryStore.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The containers of all clusters grouped by pod, appName, namespace, clusterId or image, with the
 * risk figures of DescribeGroupedContainerInstances (reference §1.8), in one SQL query per page.
 *
 * <p>Figures of a group: {@code pods} (InstanceCount) — its distinct pods; {@code riskPods}
 * (RiskInstanceCount) — those running an image whose latest scan found a vulnerability, a failed
 * baseline item or a suspicious file ({@code image_risk}); {@code vul}, {@code hc} (baseline) and
 * {@code alarm} (suspicious files) — summed over the group's distinct running digests, so an image
 * run by ten pods counts once; {@code level} — the highest severity among those digests'
 * vulnerabilities and findings (3 high: CRITICAL/HIGH, high, serious; 2 medium; 1 low; 0 none).
 * Before any scan every figure is zero. The clusterId grouping lists registered clusters that run
 * nothing too.
 */
@Component
public class ContainerGroups {

  /** A grouping: its key expressions over the {@code base} rows, the keyword column, the order. */
  public enum GroupField {
    POD("pod", List.of("cluster_id", "namespace", "pod"), "pod"),
    APP_NAME("appName", List.of("cluster_id", "namespace", "app_name"), "app_name"),
    NAMESPACE("namespace", List.of("cluster_id", "namespace"), "namespace"),
    CLUSTER_ID("clusterId", List.of("cluster_id"), "cluster_id"),
    IMAGE("image", List.of("image", "dg"), "image");

    private final String apiName;
    private final List<String> keys;
    private final String keyword;

    GroupField(String apiName, List<String> keys, String keyword) {
      this.apiName = apiName;
      this.keys = keys;
      this.keyword = keyword;
    }

    public String apiName() {
      return apiName;
    }

    public static Optional<GroupField> of(String apiName) {
      return java.util.Arrays.stream(values()).filter(g -> g.apiName.equals(apiName)).findFirst();
    }

    public static List<String> apiNames() {
      return java.util.Arrays.stream(values()).map(GroupField::apiName).toList();
    }
  }

  /** One group. Fields a grouping does not determine are null (e.g. Pod for a namespace). */
  public record Group(@Nullable String clusterId, @Nullable String clusterName, @Nullable String clusterType,
      @Nullable String clusterState, @Nullable String regionId, @Nullable Instant clusterCreated,
      @Nullable String namespace, @Nullable String appName, @Nullable String pod, @Nullable String podIp,
      @Nullable String hostIp, @Nullable String nodeName, @Nullable String image, @Nullable String digest,
      @Nullable String imagePath, @Nullable String imageTag, long pods, long riskPods, long vul, long hc, long alarm,
      int level) {}

  /** A page of groups and how many there are in all. */
  public record Page(List<Group> groups, long total) {}

  private static final String LEVELS = """
      lvl AS (
        SELECT digest, MAX(r) AS rnk FROM (
          SELECT digest, CASE severity WHEN 'CRITICAL' THEN 3 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2
            WHEN 'LOW' THEN 1 ELSE 0 END AS r FROM image_vuln
          UNION ALL
          SELECT digest, CASE level WHEN 'high' THEN 3 WHEN 'serious' THEN 3 WHEN 'medium' THEN 2
            WHEN 'suspicious' THEN 2 WHEN 'low' THEN 1 WHEN 'remind' THEN 1 ELSE 0 END FROM image_finding
        ) x GROUP BY digest)""";

  private final JdbcClient jdbc;

  public ContainerGroups(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page (1-based) of groups whose key contains {@code keyword} (case-insensitive) and that meet the criteria. */
  public Page page(GroupField field, @Nullable String keyword, ContainerCriteria criteria, int page, int size) {
    Map<String, Object> params = new LinkedHashMap<>();
    String sql = query(field, keyword, criteria, params);
    long total = bind(jdbc.sql("SELECT COUNT(*) FROM (" + sql + ") t"), params).query(Long.class).single();
    String keys = field.keys.stream().map(k -> "g." + k).collect(Collectors.joining(", "));
    List<Group> groups = bind(jdbc.sql(sql + " ORDER BY " + (field == GroupField.CLUSTER_ID ? "g.cluster_name, " : "")
            + keys + " LIMIT :limit OFFSET :offset"), params)
        .param("limit", size).param("offset", (long) (page - 1) * size)
        .query((rs, i) -> group(field, rs)).list();
    return new Page(groups, total);
  }

  /** An inventory image of a digest: its Uuid (an IN_SAS image preferred over a NOT_IN_SAS one). */
  public Map<String, String> imageUuids(List<String> digests) {
    Map<String, String> out = new LinkedHashMap<>();
    if (digests.isEmpty()) {
      return out;
    }
    jdbc.sql("""
            SELECT digest, uuid FROM image WHERE digest IN (:d)
            ORDER BY CASE access_type WHEN 'IN_SAS' THEN 0 ELSE 1 END, uuid""")
        .param("d", digests)
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list()
        .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
    params.forEach(spec::param);
    return spec;
  }

  static String query(GroupField field, @Nullable String keyword, ContainerCriteria criteria,
      Map<String, Object> params) {
    List<String> where = new ArrayList<>();
    if (field != GroupField.CLUSTER_ID) {
      where.add("w.cluster_id IS NOT NULL");
    }
    if (keyword != null && !keyword.isBlank()) {
      params.put("kw", SqlWhere.containsPattern(keyword.trim().toLowerCase(Locale.ROOT)));
      where.add(field == GroupField.CLUSTER_ID
          ? "(LOWER(c.cluster_id) LIKE :kw ESCAPE '\\' OR LOWER(c.cluster_name) LIKE :kw ESCAPE '\\')"
          : "LOWER(" + (field.keyword.equals("image") ? "w.image" : "w." + field.keyword) + ") LIKE :kw ESCAPE '\\'");
    }
    List<String> flags = new ArrayList<>();
    List<String> having = new ArrayList<>();
    for (int i = 0; i < criteria.conditions().size(); i++) {
      switch (criteria.conditions().get(i)) {
        case ContainerCriteria.Condition.RiskStatus r -> having.add(r.risky() ? "g.risk_pods > 0" : "g.risk_pods = 0");
        case ContainerCriteria.Condition.RiskLevel l -> having.add("g.lvl = " + l.rank());
        case ContainerCriteria.Condition.Column c -> {
          String p = "c" + i;
          params.put(p, c.fuzzy() ? SqlWhere.containsPattern(c.value()) : c.value());
          flags.add("MAX(CASE WHEN " + (c.fuzzy() ? "LOWER(" + c.column() + ") LIKE :" + p + " ESCAPE '\\'"
              : c.column() + " = :" + p) + " THEN 1 ELSE 0 END) AS f" + i);
          having.add("g.f" + i + " = 1");
        }
      }
    }
    String keys = String.join(", ", field.keys);
    String on = field.keys.stream().map(k -> "d." + k + " = g." + k).collect(Collectors.joining(" AND "));
    return "WITH " + LEVELS + """
        ,
        base AS (
          SELECT c.cluster_id, c.cluster_name, c.cluster_type, c.cluster_state, c.region_id, c.created_at AS cluster_created,
            w.namespace, w.app_name, w.pod, w.pod_uid, w.pod_ip, w.host_ip, w.node_name, w.image, w.digest,
            w.image_path, w.image_tag, COALESCE(w.digest, '') AS dg,
            COALESCE(r.vul, 0) AS vul, COALESCE(r.baseline_num, 0) AS hc, COALESCE(r.new_suspicious, 0) AS alarm,
            CASE WHEN COALESCE(r.vul, 0) + COALESCE(r.baseline_num, 0) + COALESCE(r.new_suspicious, 0) > 0
              THEN COALESCE(l.rnk, 0) ELSE 0 END AS lv,
            CASE WHEN COALESCE(r.vul, 0) + COALESCE(r.baseline_num, 0) + COALESCE(r.new_suspicious, 0) > 0
              THEN w.pod_uid END AS risk_uid
          FROM k8s_cluster c LEFT JOIN workload_image w ON w.cluster_id = c.cluster_id
          LEFT JOIN image_risk r ON r.digest = w.digest LEFT JOIN lvl l ON l.digest = w.digest
        """ + (where.isEmpty() ? "" : "  WHERE " + String.join(" AND ", where) + "\n") + """
        ),
        g AS (
          SELECT %1$s, MIN(cluster_name) AS cluster_name, MIN(cluster_type) AS cluster_type,
            MIN(cluster_state) AS cluster_state, MIN(region_id) AS region_id, MIN(cluster_created) AS cluster_created,
            MIN(namespace) AS m_namespace, MIN(app_name) AS m_app_name, MIN(pod) AS m_pod, MIN(pod_ip) AS m_pod_ip,
            MIN(host_ip) AS m_host_ip, MIN(node_name) AS m_node_name, MIN(image) AS m_image, MIN(digest) AS m_digest,
            MIN(image_path) AS m_image_path, MIN(image_tag) AS m_image_tag,
            COUNT(DISTINCT pod_uid) AS pods, COUNT(DISTINCT risk_uid) AS risk_pods, MAX(lv) AS lvl%2$s
          FROM base GROUP BY %1$s),
        d AS (
          SELECT %1$s, SUM(vul) AS vul, SUM(hc) AS hc, SUM(alarm) AS alarm
          FROM (SELECT DISTINCT %1$s, dg AS d_dg, vul, hc, alarm FROM base) x GROUP BY %1$s)
        SELECT g.*, d.vul, d.hc, d.alarm FROM g JOIN d ON %3$s
        """.formatted(keys, flags.isEmpty() ? "" : ", " + String.join(", ", flags), on)
        + (having.isEmpty() ? "" : "WHERE " + String.join(criteria.or() ? " OR " : " AND ", having));
  }

  private static Group group(GroupField f, ResultSet rs) throws SQLException {
    boolean pod = f == GroupField.POD;
    boolean app = f == GroupField.APP_NAME;
    boolean ns = pod || app || f == GroupField.NAMESPACE;
    boolean image = f == GroupField.IMAGE;
    return new Group(image ? null : rs.getString("cluster_id"), image ? null : rs.getString("cluster_name"),
        image ? null : rs.getString("cluster_type"), image ? null : rs.getString("cluster_state"),
        image ? null : rs.getString("region_id"), image ? null : instant(rs, "cluster_created"),
        ns ? rs.getString("namespace") : null, app ? rs.getString("app_name") : pod ? rs.getString("m_app_name") : null,
        pod ? rs.getString("pod") : null, pod ? rs.getString("m_pod_ip") : null, pod ? rs.getString("m_host_ip") : null,
        pod ? rs.getString("m_node_name") : null, image ? rs.getString("image") : null,
        image ? emptyToNull(rs.getString("dg")) : null, image ? rs.getString("m_image_path") : null,
        image ? rs.getString("m_image_tag") : null, rs.getLong("pods"), rs.getLong("risk_pods"), rs.getLong("vul"),
        rs.getLong("hc"), rs.getLong("alarm"), rs.getInt("lvl"));
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
