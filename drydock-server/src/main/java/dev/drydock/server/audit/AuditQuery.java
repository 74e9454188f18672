package dev.drydock.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the audit trail, oldest first, streaming (an export may be large). */
@Component
public class AuditQuery {

  private final JdbcClient jdbc;

  public AuditQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Calls {@code sink} with each matching record in time order. */
  public void forEach(AuditFilter f, Consumer<AuditRecord> sink) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Map<String, Object> p = new HashMap<>();
    f.since().ifPresent(t -> {
      where.append(" AND called_at >= :since");
      p.put("since", OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    });
    f.until().ifPresent(t -> {
      where.append(" AND called_at < :until");
      p.put("until", OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    });
    f.accessKeyId().ifPresent(k -> {
      where.append(" AND access_key_id = :key");
      p.put("key", k);
    });
    f.userName().ifPresent(u -> {
      where.append(" AND user_name = :user");
      p.put("user", u);
    });
    f.action().ifPresent(a -> {
      if (a.contains("*")) {
        where.append(" AND action LIKE :action ESCAPE '\\'");
        p.put("action", a.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%'));
      } else {
        where.append(" AND action = :action");
        p.put("action", a);
      }
    });
    f.code().ifPresent(c -> {
      where.append(" AND code = :code");
      p.put("code", c);
    });
    p.put("limit", f.limit());
    try (Stream<AuditRecord> rows = jdbc.sql("SELECT called_at, request_id, access_key_id, user_id, user_name, "
            + "api_version, action, params, source_ip, secure, code, http_status, latency_micros FROM audit_log"
            + where + " ORDER BY called_at, id LIMIT :limit")
        .params(p).query(AuditQuery::row).stream()) {
      rows.forEach(sink);
    }
  }

  private static AuditRecord row(ResultSet rs, int i) throws SQLException {
    return new AuditRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
        rs.getString(11), rs.getInt(12), rs.getLong(13));
  }
}
