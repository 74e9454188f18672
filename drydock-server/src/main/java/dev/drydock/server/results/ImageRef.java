package dev.drydock.server.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An inventory image with its repository and the times of its stored report, as result rows name it.
 *
 * @param os the report's {@code id-version} ({@code debian-12}), if known
 * @param scannedAt when the image was last pulled and indexed; null before its first scan
 * @param matchedAt when its vulnerabilities were last matched; null before its first scan
 */
public record ImageRef(long pk, String uuid, String tag, String digest, @Nullable Long registryId,
    @Nullable String repoId, String repoNamespace, String repoName, @Nullable String regionId,
    @Nullable String registryType, @Nullable String os, @Nullable Instant scannedAt, @Nullable Instant matchedAt) {

  /** The columns {@link #read} expects, over {@code image i JOIN image_repo r LEFT JOIN image_report rep}. */
  public static final String COLUMNS = """
      i.id AS img_pk, i.uuid AS img_uuid, i.tag AS img_tag, i.digest AS img_digest, r.registry_id AS img_registry,
      r.repo_id AS img_repo_id, r.repo_namespace AS img_ns, r.repo_name AS img_name, r.region_id AS img_region,
      r.registry_type AS img_rtype, rep.os AS img_os, rep.scanned_at AS img_scanned, rep.matched_at AS img_matched""";

  public static final String FROM =
      " FROM image i JOIN image_repo r ON r.id = i.repo_pk LEFT JOIN image_report rep ON rep.digest = i.digest";

  public static ImageRef read(ResultSet rs) throws SQLException {
    OffsetDateTime scanned = rs.getObject("img_scanned", OffsetDateTime.class);
    OffsetDateTime matched = rs.getObject("img_matched", OffsetDateTime.class);
    return new ImageRef(rs.getLong("img_pk"), rs.getString("img_uuid"), rs.getString("img_tag"),
        rs.getString("img_digest"), rs.getObject("img_registry", Long.class), rs.getString("img_repo_id"),
        rs.getString("img_ns"), rs.getString("img_name"), rs.getString("img_region"), rs.getString("img_rtype"),
        rs.getString("img_os"), scanned == null ? null : scanned.toInstant(), matched == null ? null : matched.toInstant());
  }

  /** {@code namespace/name:tag}. */
  public String name() {
    return (repoNamespace.isEmpty() ? "" : repoNamespace + "/") + repoName + ":" + tag;
  }

  /** The OS id of the report ({@code debian}), or empty. */
  public String osId() {
    if (os == null) {
      return "";
    }
    int dash = os.indexOf('-');
    return dash < 0 ? os : os.substring(0, dash);
  }

  /** The OS version of the report ({@code 12}), or empty. */
  public String osVersion() {
    if (os == null) {
      return "";
    }
    int dash = os.indexOf('-');
    return dash < 0 ? "" : os.substring(dash + 1);
  }
}
