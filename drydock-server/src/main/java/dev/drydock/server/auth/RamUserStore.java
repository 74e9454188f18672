package dev.drydock.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** RAM users (table {@code ram_user}); their AccessKeys are in {@link AccessKeyStore}. */
@Component
public class RamUserStore {

  private static final String COLUMNS = "id, user_name, display_name, comments, is_admin, created_at, updated_at";

  private final JdbcClient jdbc;
  private final AccessKeyStore keys;
  private final Clock clock;

  public RamUserStore(JdbcClient jdbc, AccessKeyStore keys, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.clock = clock;
  }

  public Optional<RamUser> byName(String userName) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM ram_user WHERE user_name = :n").param("n", userName)
        .query(RamUserStore::row).optional();
  }

  public Optional<RamUser> byId(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM ram_user WHERE id = :id").param("id", id)
        .query(RamUserStore::row).optional();
  }

  /** Users in name order after {@code after} (exclusive), at most {@code limit}. */
  public List<RamUser> list(Optional<String> after, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM ram_user" + (after.isPresent() ? " WHERE user_name > :a" : "")
            + " ORDER BY user_name LIMIT :l")
        .params(after.isPresent() ? java.util.Map.of("a", after.get(), "l", limit) : java.util.Map.of("l", limit))
        .query(RamUserStore::row).list();
  }

  /** Creates a (non-administrator) user; empty when the name is taken. */
  public Optional<RamUser> create(String userName, String displayName, @Nullable String comments) {
    String id = AccessKeyStore.newUserId();
    try {
      jdbc.sql("INSERT INTO ram_user (id, user_name, display_name, comments, is_admin, created_at, updated_at) "
              + "VALUES (:id, :n, :d, :c, FALSE, :t, :t)")
          .param("id", id).param("n", userName).param("d", displayName).param("c", comments)
          .param("t", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    return byId(id);
  }

  /** Why a user cannot be deleted, if it cannot. */
  public enum DeleteResult { DELETED, NOT_FOUND, HAS_ACCESS_KEYS, HAS_POLICIES }

  public DeleteResult delete(String userId) {
    if (jdbc.sql("SELECT COUNT(*) FROM access_key WHERE user_id = :u").param("u", userId).query(Long.class).single() > 0) {
      return DeleteResult.HAS_ACCESS_KEYS;
    }
    if (jdbc.sql("SELECT COUNT(*) FROM ram_user_policy WHERE user_id = :u").param("u", userId).query(Long.class)
        .single() > 0) {
      return DeleteResult.HAS_POLICIES;
    }
    // The foreign keys of access_key and ram_user_policy refuse the delete if a key or an
    // attachment appeared meanwhile.
    try {
      return jdbc.sql("DELETE FROM ram_user WHERE id = :u").param("u", userId).update() == 1 ? DeleteResult.DELETED
          : DeleteResult.NOT_FOUND;
    } catch (org.springframework.dao.DataIntegrityViolationException e) {
      return DeleteResult.HAS_ACCESS_KEYS;
    }
  }

  static RamUser row(ResultSet rs, int i) throws SQLException {
    Timestamp updated = rs.getTimestamp(7);
    return new RamUser(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
        rs.getTimestamp(6).toInstant(), updated == null ? null : updated.toInstant());
  }
}
