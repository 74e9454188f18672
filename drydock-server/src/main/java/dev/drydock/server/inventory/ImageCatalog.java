package dev.drydock.server.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the image inventory for the listing operations: one page of images with their repository
 * and latest risk counts in a single query (no per-row queries), and the page's TotalCount.
 *
 * <p><b>Order</b>: {@code namespace/repo:tag} ({@code image.full_name}), then the image's id —
 * total and stable, so paging with CurrentPage neither skips nor repeats an image while the
 * inventory stays the same. Collation is the database's.
 *
 * <p><b>Counting</b>: a page that comes back not full tells the total itself (offset + rows), so
 * the count query runs only for a full page, or an empty one past the first; large counts come from
 * the {@link CountCache}.
 *
 * <p><b>Scan columns</b>: {@code image_risk.{vul, baseline_num, new_suspicious}} (the latest scan of
 * the digest; absent = 0) always; with details also {@code image_report.scanned_at} (absent = never
 * scanned) and whether a {@code workload_image} row runs the digest.
 */
@Component
public class ImageCatalog {

  private static final String FROM = " " + """
       FROM image i JOIN image_repo r ON r.id = i.repo_pk
       LEFT JOIN image_risk k ON k.digest = i.digest
       LEFT JOIN image_report s ON s.digest = i.digest""";
  // LEFT JOINs on primary keys: PostgreSQL drops the ones a count does not use.
  private static final String COUNT_FROM = " " + """
       FROM image i LEFT JOIN image_repo r ON r.id = i.repo_pk
       LEFT JOIN image_risk k ON k.digest = i.digest
       LEFT JOIN image_report s ON s.digest = i.digest""";
  private static final String COLUMNS = """
      SELECT i.uuid, i.tag, i.digest, i.image_id, i.image_size, i.image_create, i.image_update, i.tag_immutable,
        i.access_type, i.full_name, r.registry_id, r.repo_id, r.repo_namespace, r.repo_name, r.repo_type, r.region_id,
        r.registry_type, r.endpoints, r.internet_urls, r.vpc_urls, r.endpoint_type, r.endpoint_domains,
        k.vul, k.baseline_num, k.new_suspicious""";
  private static final String DETAIL_COLUMNS = """
      , s.scanned_at, EXISTS (SELECT 1 FROM workload_image w WHERE w.digest IN (i.digest, 'sha256:' || i.digest))""";
  static final String ORDER = " ORDER BY i.full_name, i.id";

  private final JdbcClient jdbc;
  private final CountCache counts;

  public ImageCatalog(JdbcClient jdbc, CountCache counts) {
    this.jdbc = jdbc;
    this.counts = counts;
  }

  /** A page of images and the number of images the conditions select. */
  public record Page(List<InventoryImage> images, long totalCount) {}

  /**
   * One page ({@code currentPage} 1-based) of the images the conditions select.
   *
   * @param details also read the report time and whether the image is deployed
   */
  public Page page(SqlWhere where, int currentPage, int pageSize, boolean details) {
    long offset = (long) (currentPage - 1) * pageSize;
    List<InventoryImage> rows = jdbc.sql(COLUMNS + (details ? DETAIL_COLUMNS : "") + FROM + where.sql() + ORDER
            + " LIMIT " + pageSize + " OFFSET " + offset)
        .params(where.params())
        .query((rs, n) -> row(rs, details))
        .list();
    long total;
    if (!rows.isEmpty() && rows.size() < pageSize) {
      total = offset + rows.size();
    } else if (rows.isEmpty() && offset == 0) {
      total = 0;
    } else {
      total = count(where);
    }
    return new Page(rows, total);
  }

  /** How many images the conditions select. */
  public long count(SqlWhere where) {
    return counts.count(where.cacheKey(), () -> jdbc.sql("SELECT COUNT(*)" + COUNT_FROM + where.sql())
        .params(where.params()).query(Long.class).single());
  }

  /** Every image the conditions select, in page order, with details (for lookups by Uuid). */
  public List<InventoryImage> all(SqlWhere where, int limit) {
    return jdbc.sql(COLUMNS + DETAIL_COLUMNS + FROM + where.sql() + ORDER + " LIMIT " + limit)
        .params(where.params())
        .query((rs, n) -> row(rs, true))
        .list();
  }

  private static InventoryImage row(ResultSet rs, boolean details) throws SQLException {
    int vul = rs.getInt(23);
    InventoryImage.Risk risk = rs.wasNull() ? InventoryImage.Risk.NONE
        : new InventoryImage.Risk(vul, rs.getInt(24), rs.getInt(25));
    Timestamp scanned = details ? rs.getTimestamp(26) : null;
    return new InventoryImage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getObject(7, Long.class), rs.getInt(8),
        rs.getString(9), rs.getString(10), rs.getObject(11, Long.class), rs.getString(12), rs.getString(13),
        rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
        rs.getString(20), rs.getString(21), rs.getString(22), risk, scanned == null ? null : scanned.toInstant(),
        details && rs.getBoolean(27));
  }
}
