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
 * <p><b>Cost</b>: the page's ids are selected from {@code image} and only the tables the
 * conditions use, then only those 20-odd rows are joined with their columns, in one query; plans
 * stay cheap and PostgreSQL reuses those of prepared statements. Without conditions, or when the
 * selection is known to be dense (a remembered count of at least {@value #DENSE_ROWS}), the
 * ordered index is walked and the TotalCount comes from the {@link CountCache}. Otherwise the
 * matches are found through the conditions' indexes, counted and sorted in the same query (a
 * large count found that way is remembered, so the next page of that selection walks the index).
 *
 * <p><b>Scan columns</b>: {@code image_risk.{vul, baseline_num, new_suspicious}} (the latest scan of
 * the digest; absent = 0) always; with details also {@code image_report.scanned_at} (absent = never
 * scanned) and whether a {@code workload_image} row runs the digest.
 */
@Component
public class ImageCatalog {

  // The page's ids first, from image and only the tables the conditions use; then the page's 20-odd
  // rows are joined with their columns. Sorting, skipping and counting never read the columns of rows
  // off the page, and the few joins keep planning cheap.
  private static final String COLUMNS = """
      SELECT i.uuid, i.tag, i.digest, i.image_id, i.image_size, i.image_create, i.image_update, i.tag_immutable,
        i.access_type, i.full_name, r.registry_id, r.repo_id, r.repo_namespace, r.repo_name, r.repo_type, r.region_id,
        r.registry_type, r.endpoints, r.internet_urls, r.vpc_urls, r.endpoint_type, r.endpoint_domains,
        k.vul, k.baseline_num, k.new_suspicious""";
  private static final String DETAIL_COLUMNS = """
      , s.scanned_at, EXISTS (SELECT 1 FROM workload_image w WHERE w.digest = i.digest)""";
  private static final String PAGE_ROWS = " " + """
      JOIN image i ON i.id = p.id JOIN image_repo r ON r.id = i.repo_pk
      LEFT JOIN image_risk k ON k.digest = i.digest""";
  private static final String DETAIL_ROWS = " LEFT JOIN image_report s ON s.digest = i.digest";
  static final String ORDER = " ORDER BY i.full_name, i.id";
  /** From this many matches on, a page walks the ordered index rather than sorting the matches. */
  static final long DENSE_ROWS = 10_000;

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
    String limit = " LIMIT " + pageSize + " OFFSET " + offset;
    if (!where.hasConditions() || counts.peek(where.cacheKey()).orElse(0) >= DENSE_ROWS) {
      long total = count(where);
      return new Page(offset >= total ? List.of() : rows(where, limit, details, false).rows(), total);
    }
    Rows sparse = rows(where, limit, details, true);
    long total = sparse.rows().isEmpty() ? count(where) : sparse.total();
    counts.remember(where.cacheKey(), total);
    return new Page(sparse.rows(), total);
  }

  /** How many images the conditions select. */
  public long count(SqlWhere where) {
    return counts.count(where.cacheKey(), () -> jdbc.sql("SELECT COUNT(*)" + matching(where) + where.sql())
        .params(where.params()).query(Long.class).single());
  }

  /** Every image the conditions select, in page order, with details (for lookups by Uuid). */
  public List<InventoryImage> all(SqlWhere where, int limit) {
    return rows(where, " LIMIT " + limit, true, true).rows();
  }

  /** The rows of a page and, for a sparse query, how many images matched in all. */
  private record Rows(List<InventoryImage> rows, long total) {}

  /**
   * The rows of one page. Sparse ({@code sparse}): the conditions' matches are all found first
   * (through the indexes of the conditions; the subquery with {@code OFFSET 0 ROWS} keeps the
   * planner from walking the ordered index instead, which would read most of the table to find a
   * few matches), counted ({@code COUNT(*) OVER ()}) and sorted, in one query. Dense or
   * unconditioned: the ordered index ({@code image_page_order}) is walked and left after the page.
   */
  private Rows rows(SqlWhere where, String limit, boolean details, boolean sparse) {
    String ids = sparse
        ? "SELECT m.id, COUNT(*) OVER () AS total FROM (SELECT i.id, i.full_name" + matching(where) + where.sql()
            + " OFFSET 0 ROWS) m ORDER BY m.full_name, m.id" + limit
        : "SELECT i.id, 0 AS total" + matching(where) + where.sql() + ORDER + limit;
    long[] total = {0};
    List<InventoryImage> rows = jdbc.sql(COLUMNS + (details ? DETAIL_COLUMNS : "") + ", p.total FROM (" + ids + ") p"
            + PAGE_ROWS + (details ? DETAIL_ROWS : "") + ORDER)
        .params(where.params())
        .query((rs, n) -> {
          total[0] = rs.getLong(details ? 28 : 26);
          return row(rs, details);
        })
        .list();
    return new Rows(rows, total[0]);
  }

  /** {@code FROM image i} and the tables the conditions refer to (by their aliases). */
  private static String matching(SqlWhere where) {
    return " FROM image i"
        + (where.uses("r") ? " JOIN image_repo r ON r.id = i.repo_pk" : "")
        + (where.uses("k") ? " LEFT JOIN image_risk k ON k.digest = i.digest" : "")
        + (where.uses("s") ? " LEFT JOIN image_report s ON s.digest = i.digest" : "");
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
