package dev.drydock.server.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The {@code registry} table: registrations as the registry operations of reference §1.14 create,
 * list, change and delete them. Secrets arrive and leave encrypted; this class never sees them in
 * clear. Sync bookkeeping (claims, leases, status) lives in {@link SyncClaims}.
 */
@Component
public class RegistryStore {

  private static final String COLUMNS = """
      id, registry_name, registry_type, domain_name, registry_host_ip, port, protocol_type, net_type, region_id,
      registry_version, user_name, password_enc, extra_param, trans_per_hour, vpc_id, persistence_day, jenkins_env,
      white_list, black_list, ali_uid, created_at, modified_at, last_sync_at, next_sync_at, sync_status, sync_error""";

  private final JdbcClient jdbc;
  private final CountCache counts;

  public RegistryStore(JdbcClient jdbc, CountCache counts) {
    this.jdbc = jdbc;
    this.counts = counts;
  }

  /** A registration to insert; {@code passwordEnc} and {@code extraParamEnc} already encrypted. */
  public record NewRegistry(String registryType, String domainName, String registryHostIp, @Nullable Integer port,
      int protocolType, int netType, String regionId, String registryVersion, String userName, String passwordEnc,
      @Nullable String extraParamEnc, int transPerHour, @Nullable String vpcId, @Nullable Long aliUid) {}

  /** What ModifyImageRegistry may change; null fields stay as they are. */
  public record Changes(@Nullable String domainName, @Nullable Integer port, @Nullable String registryHostIp,
      @Nullable String userName, @Nullable String passwordEnc, @Nullable Integer transPerHour) {}

  /** PageImageRegistry's filters: a case-insensitive substring of the name, types in / not in. */
  public record Filter(@Nullable String nameLike, List<String> typeIn, List<String> typeNotIn) {}

  /** Inserts a registration with a sync requested; returns its Id. */
  public long insert(NewRegistry r, Instant now) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO registry (registry_name, registry_type, domain_name, registry_host_ip, port, protocol_type,
              net_type, region_id, registry_version, user_name, password_enc, extra_param, trans_per_hour, vpc_id,
              ali_uid, created_at, modified_at, sync_requested)
            VALUES (:domain, :type, :domain, :ip, :port, :protocol, :net, :region, :version, :user, :password, :extra,
              :tph, :vpc, :uid, :now, :now, TRUE)""")
        .param("type", r.registryType()).param("domain", r.domainName()).param("ip", r.registryHostIp())
        .param("port", r.port()).param("protocol", r.protocolType()).param("net", r.netType())
        .param("region", r.regionId()).param("version", r.registryVersion()).param("user", r.userName())
        .param("password", r.passwordEnc()).param("extra", r.extraParamEnc()).param("tph", r.transPerHour())
        .param("vpc", r.vpcId()).param("uid", r.aliUid()).param("now", utc(now))
        .update(keys, "id");
    Number id = keys.getKey();
    if (id == null) {
      throw new IllegalStateException("no id generated for the new registry");
    }
    return id.longValue();
  }

  public Optional<RegistryRow> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM registry WHERE id = :id").param("id", id)
        .query(RegistryStore::row).optional();
  }

  /** Another registration of the same DomainName and Port, if any. */
  public Optional<Long> findDuplicate(String domainName, @Nullable Integer port, long exceptId) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("d", domainName);
    p.put("except", exceptId);
    if (port != null) {
      p.put("p", port);
    }
    return jdbc.sql("SELECT id FROM registry WHERE LOWER(domain_name) = LOWER(:d) AND id <> :except AND "
            + (port == null ? "port IS NULL" : "port = :p") + " ORDER BY id")
        .params(p).query(Long.class).list().stream().findFirst();
  }

  /** Every registration, or those of one type, by Id. */
  public List<RegistryRow> list(@Nullable String registryType) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM registry"
            + (registryType == null ? "" : " WHERE registry_type = :t") + " ORDER BY id")
        .params(registryType == null ? Map.of() : Map.of("t", registryType))
        .query(RegistryStore::row).list();
  }

  public long count(Filter f) {
    Map<String, Object> p = new LinkedHashMap<>();
    return jdbc.sql("SELECT COUNT(*) FROM registry" + where(f, p)).params(p).query(Long.class).single();
  }

  /** One page (1-based) of the registrations matching {@code f}, by Id. */
  public List<RegistryRow> page(Filter f, int page, int pageSize) {
    Map<String, Object> p = new LinkedHashMap<>();
    String where = where(f, p);
    p.put("limit", pageSize);
    p.put("offset", (long) (page - 1) * pageSize);
    return jdbc.sql("SELECT " + COLUMNS + " FROM registry" + where + " ORDER BY id LIMIT :limit OFFSET :offset")
        .params(p).query(RegistryStore::row).list();
  }

  private static String where(Filter f, Map<String, Object> p) {
    List<String> conditions = new ArrayList<>();
    if (f.nameLike() != null) {
      conditions.add("LOWER(COALESCE(registry_name, domain_name)) LIKE :like ESCAPE '\\'");
      p.put("like", "%" + f.nameLike().toLowerCase(java.util.Locale.ROOT)
          .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (!f.typeIn().isEmpty()) {
      conditions.add("registry_type IN (:typeIn)");
      p.put("typeIn", f.typeIn());
    }
    if (!f.typeNotIn().isEmpty()) {
      conditions.add("registry_type NOT IN (:typeNotIn)");
      p.put("typeNotIn", f.typeNotIn());
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** How many registrations there are of each type present. */
  public Map<String, Long> countByType() {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.sql("SELECT registry_type, COUNT(*) FROM registry GROUP BY registry_type ORDER BY registry_type")
        .query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
    return out;
  }

  /** How many images the inventory holds for each of the given registries. */
  public Map<Long, Long> imageCounts(List<Long> registryIds) {
    Map<Long, Long> out = new LinkedHashMap<>();
    if (registryIds.isEmpty()) {
      return out;
    }
    jdbc.sql("""
            SELECT r.registry_id, COUNT(i.id) FROM image_repo r JOIN image i ON i.repo_pk = r.id
            WHERE r.registry_id IN (:ids) GROUP BY r.registry_id""")
        .param("ids", registryIds)
        .query((rs, i) -> out.put(rs.getLong(1), rs.getLong(2))).list();
    return out;
  }

  /** Applies ModifyImageRegistry's changes and requests a sync; false when there is no such registry. */
  public boolean update(long id, Changes c, Instant now) {
    return jdbc.sql("""
            UPDATE registry SET
              domain_name = COALESCE(:domain, domain_name),
              registry_name = COALESCE(:domain, registry_name),
              port = COALESCE(:port, port),
              registry_host_ip = COALESCE(:ip, registry_host_ip),
              user_name = COALESCE(:user, user_name),
              password_enc = COALESCE(:password, password_enc),
              trans_per_hour = COALESCE(:tph, trans_per_hour),
              modified_at = :now,
              sync_requested = TRUE
            WHERE id = :id""")
        .param("domain", c.domainName()).param("port", c.port()).param("ip", c.registryHostIp())
        .param("user", c.userName()).param("password", c.passwordEnc()).param("tph", c.transPerHour())
        .param("now", utc(now)).param("id", id)
        .update() == 1;
  }

  /** Deletes a registration with its repositories and images (scan results, keyed by digest, stay). */
  public boolean delete(long id) {
    boolean deleted = jdbc.sql("DELETE FROM registry WHERE id = :id").param("id", id).update() == 1;
    counts.invalidate();
    return deleted;
  }

  public static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static RegistryRow row(ResultSet rs, int i) throws SQLException {
    Instant created = instant(rs, "created_at");
    Instant modified = instant(rs, "modified_at");
    return new RegistryRow(rs.getLong("id"), rs.getString("registry_name"), rs.getString("registry_type"),
        rs.getString("domain_name"), rs.getString("registry_host_ip"), rs.getObject("port", Integer.class),
        rs.getInt("protocol_type"), rs.getInt("net_type"), rs.getString("region_id"), rs.getString("registry_version"),
        rs.getString("user_name"), rs.getString("password_enc"), rs.getString("extra_param"),
        rs.getInt("trans_per_hour"), rs.getString("vpc_id"), rs.getObject("persistence_day", Integer.class),
        rs.getString("jenkins_env"), rs.getString("white_list"), rs.getString("black_list"),
        rs.getObject("ali_uid", Long.class), created == null ? Instant.EPOCH : created,
        modified == null ? Instant.EPOCH : modified, instant(rs, "last_sync_at"), instant(rs, "next_sync_at"),
        rs.getString("sync_status"), rs.getString("sync_error"));
  }
}
