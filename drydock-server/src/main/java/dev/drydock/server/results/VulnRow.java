package dev.drydock.server.results;

import dev.drydock.vuln.Vulnerability;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * One {@code image_vuln} row's content, as stored (values cut to their column sizes), so a row
 * read back and a row about to be written compare equal exactly when nothing about them changed.
 */
record VulnRow(String vulnId, String advisoryId, String aliases, String type, String ecosystem, String name,
    String version, @Nullable String fixed, String status, String severity, String severitySource,
    @Nullable Double score, @Nullable String vector, String source, @Nullable String layer, String path,
    @Nullable String purl, @Nullable String title) {

  static final String COLUMNS = "vuln_id, advisory_id, aliases, vuln_type, ecosystem, package_name, package_version, "
      + "fixed_version, fix_status, severity, severity_source, cvss_score, cvss_vector, data_source, layer_digest, path, "
      + "purl, title";

  static VulnRow of(Vulnerability v) {
    return new VulnRow(cut(v.cveOrId(), 128), cut(v.id(), 128), cut(String.join(",", v.aliases()), 2048),
        v.ecosystem().isOsPackage() ? "cve" : "sca", v.ecosystem().purlType(), cut(v.packageName(), 512),
        cut(v.installedVersion(), 256), v.fixedVersion() == null ? null : cut(v.fixedVersion(), 256),
        v.status().name(), v.severity().name(), cut(v.severitySource(), 64), v.cvssScore(),
        v.cvssVector() == null ? null : cut(v.cvssVector(), 256), cut(v.dataSource(), 64), v.layer(),
        cut(v.path(), 2048), v.purl() == null ? null : cut(v.purl(), 1024), v.title() == null ? null : cut(v.title(), 2048));
  }

  static VulnRow read(ResultSet rs) throws SQLException {
    return new VulnRow(rs.getString("vuln_id"), rs.getString("advisory_id"), nz(rs.getString("aliases")),
        rs.getString("vuln_type"), rs.getString("ecosystem"), rs.getString("package_name"),
        rs.getString("package_version"), rs.getString("fixed_version"), rs.getString("fix_status"),
        rs.getString("severity"), rs.getString("severity_source"), rs.getObject("cvss_score", Double.class),
        rs.getString("cvss_vector"), rs.getString("data_source"), rs.getString("layer_digest"), rs.getString("path"),
        rs.getString("purl"), rs.getString("title"));
  }

  /** What keeps its first-seen time across rewrites: the vulnerability of a package in a file. */
  String identity() {
    return vulnId + "\u0000" + name + "\u0000" + path;
  }

  MapSqlParameterSource params(String digest, Object firstSeen) {
    return new MapSqlParameterSource().addValue("d", digest).addValue("vulnId", vulnId)
        .addValue("advisoryId", advisoryId).addValue("aliases", aliases).addValue("type", type)
        .addValue("ecosystem", ecosystem).addValue("name", name).addValue("version", version)
        .addValue("fixed", fixed).addValue("status", status).addValue("severity", severity)
        .addValue("severitySource", severitySource).addValue("score", score).addValue("vector", vector)
        .addValue("source", source).addValue("layer", layer).addValue("path", path).addValue("purl", purl)
        .addValue("title", title).addValue("first", firstSeen);
  }

  static final String INSERT = "INSERT INTO image_vuln (digest, " + COLUMNS + ", first_seen_at) VALUES (:d, :vulnId, "
      + ":advisoryId, :aliases, :type, :ecosystem, :name, :version, :fixed, :status, :severity, :severitySource, "
      + ":score, :vector, :source, :layer, :path, :purl, :title, :first)";

  private static String cut(String s, int max) {
    return ResultWriter.truncate(s, max);
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }
}
