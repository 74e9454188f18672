package dev.drydock.server.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the inventory images a scan task covers. */
@Component
public class InventoryImages {

  private final JdbcClient jdbc;

  public InventoryImages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The inventory images with these UUIDs, in the order given (unknown ones left out). */
  public List<SelectedImage> byUuids(List<String> uuids) {
    if (uuids.isEmpty()) {
      return List.of();
    }
    Map<String, SelectedImage> found = new LinkedHashMap<>();
    jdbc.sql(SELECT + " WHERE i.uuid IN (:u)").param("u", uuids).query(InventoryImages::row).list()
        .forEach(i -> found.put(i.uuid(), i));
    return uuids.stream().distinct().filter(found::containsKey).map(found::get).toList();
  }

  /** Every inventory image the filter selects, in a stable order (repository, tag). */
  public List<SelectedImage> select(ImageFilter filter) {
    Map<String, Object> params = new LinkedHashMap<>();
    String where = filter.where(params);
    return jdbc.sql(SELECT + where + " ORDER BY r.id, i.tag").params(params).query(InventoryImages::row).list();
  }

  private static final String SELECT = """
      SELECT i.uuid, r.registry_id, r.registry_type, r.region_id, r.repo_id, r.repo_namespace, r.repo_name, i.tag,
        i.digest, r.image_host
      FROM image i JOIN image_repo r ON r.id = i.repo_pk""";

  private static SelectedImage row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new SelectedImage(rs.getString(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
        rs.getString(10));
  }
}
