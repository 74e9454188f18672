package dev.drydock.server.auth;

import dev.drydock.server.auth.ram.SystemPolicies;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * RAM policies (table {@code ram_policy}) and their attachments to users
 * ({@code ram_user_policy}). The system policies of {@link SystemPolicies} are written to the
 * table at startup, so attachments reference either kind through one foreign key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RamPolicyStore implements ApplicationRunner {

  static final String DEFAULT_VERSION = "v1";
  private static final String COLUMNS = "p.policy_type, p.policy_name, p.description, p.document, p.default_version, "
      + "p.created_at, p.updated_at, (SELECT COUNT(*) FROM ram_user_policy a WHERE a.policy_type = p.policy_type "
      + "AND a.policy_name = p.policy_name)";

  /** How long {@link #grants} answers from memory; a change this process makes is seen at once. */
  static final long GRANTS_CACHE_MILLIS = 1000;
  private static final int GRANTS_CACHE_MAX = 10_000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ConcurrentHashMap<String, CachedGrants> grantsCache = new ConcurrentHashMap<>();

  private record CachedGrants(Optional<Grants> grants, long expiresAt) {}

  public RamPolicyStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A policy attached to a user, with when it was attached. */
  public record Attached(StoredPolicy policy, Instant attachedAt) {}

  @Override
  public void run(ApplicationArguments args) {
    syncSystemPolicies();
  }

  /** Writes the built-in system policies (several processes may do this at once). */
  public void syncSystemPolicies() {
    grantsCache.clear();
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (SystemPolicies.SystemPolicy p : SystemPolicies.ALL) {
      int changed = jdbc.sql("UPDATE ram_policy SET description = :d, document = :doc, updated_at = :t "
              + "WHERE policy_type = 'System' AND policy_name = :n AND (document <> :doc OR description <> :d)")
          .param("n", p.name()).param("d", p.description()).param("doc", p.document()).param("t", now).update();
      if (changed == 0 && find(PolicyType.System, p.name()).isEmpty()) {
        try {
          insert(PolicyType.System, p.name(), p.description(), p.document(), now);
        } catch (DuplicateKeyException e) {
          // another process wrote it
        }
      }
    }
  }

  public Optional<StoredPolicy> find(PolicyType type, String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM ram_policy p WHERE p.policy_type = :t AND p.policy_name = :n")
        .param("t", type.name()).param("n", name).query(RamPolicyStore::row).optional();
  }

  /** Whether any policy, of either type, has this name. */
  public boolean nameTaken(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM ram_policy WHERE policy_name = :n").param("n", name).query(Long.class)
        .single() > 0;
  }

  /** Policies in (type, name) order after the given position, at most {@code limit}. */
  public List<StoredPolicy> list(Optional<PolicyType> type, Optional<String> afterKey, int limit) {
    Map<String, Object> params = new HashMap<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    type.ifPresent(t -> {
      where.append(" AND p.policy_type = :t");
      params.put("t", t.name());
    });
    afterKey.ifPresent(k -> {
      where.append(" AND p.policy_type || '/' || p.policy_name > :k");
      params.put("k", k);
    });
    params.put("l", limit);
    return jdbc.sql("SELECT " + COLUMNS + " FROM ram_policy p" + where
            + " ORDER BY p.policy_type || '/' || p.policy_name LIMIT :l")
        .params(params).query(RamPolicyStore::row).list();
  }

  /** Creates a custom policy; empty when a policy of that name exists. */
  public Optional<StoredPolicy> createCustom(String name, @Nullable String description, String document) {
    try {
      insert(PolicyType.Custom, name, description, document, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    } catch (DuplicateKeyException e) {
      return Optional.empty();
    }
    return find(PolicyType.Custom, name);
  }

  /** Why a custom policy could not be deleted, if it could not. */
  public enum DeleteResult { DELETED, NOT_FOUND, ATTACHED }

  public DeleteResult deleteCustom(String name) {
    try {
      return jdbc.sql("DELETE FROM ram_policy WHERE policy_type = 'Custom' AND policy_name = :n").param("n", name)
          .update() == 1 ? DeleteResult.DELETED : DeleteResult.NOT_FOUND;
    } catch (DataIntegrityViolationException e) {
      return DeleteResult.ATTACHED;
    }
  }

  /** What {@link #attach} did. */
  public enum AttachResult { ATTACHED, ALREADY, MISSING }

  /** Attaches a policy to a user. */
  public AttachResult attach(String userId, PolicyType type, String name) {
    grantsCache.remove(userId);
    try {
      jdbc.sql("INSERT INTO ram_user_policy (user_id, policy_type, policy_name, attached_at) VALUES (:u, :t, :n, :at)")
          .param("u", userId).param("t", type.name()).param("n", name)
          .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
      return AttachResult.ATTACHED;
    } catch (DuplicateKeyException e) {
      return AttachResult.ALREADY;
    } catch (DataIntegrityViolationException e) {
      return AttachResult.MISSING; // the policy (or user) was deleted meanwhile
    }
  }

  public boolean detach(String userId, PolicyType type, String name) {
    boolean detached = jdbc.sql("DELETE FROM ram_user_policy WHERE user_id = :u AND policy_type = :t AND policy_name = :n")
        .param("u", userId).param("t", type.name()).param("n", name).update() == 1;
    grantsCache.remove(userId);
    return detached;
  }

  public List<Attached> attachedTo(String userId) {
    return jdbc.sql("SELECT " + COLUMNS + ", ua.attached_at FROM ram_user_policy ua JOIN ram_policy p "
            + "ON p.policy_type = ua.policy_type AND p.policy_name = ua.policy_name WHERE ua.user_id = :u "
            + "ORDER BY ua.attached_at, p.policy_name")
        .param("u", userId).query((rs, i) -> new Attached(row(rs, i), rs.getTimestamp(9).toInstant())).list();
  }

  /**
   * What authorisation needs about a user in one query: whether it is an administrator and the
   * documents of its policies; empty when there is no such user. Answered from memory for
   * {@value #GRANTS_CACHE_MILLIS} ms (as AccessKeys are, see {@link AccessKeyStore}): an attachment
   * or detachment made by this process applies at once, one made by another process sharing the
   * database within that time.
   */
  public Optional<Grants> grants(String userId) {
    long now = System.nanoTime();
    CachedGrants c = grantsCache.get(userId);
    if (c != null && now - c.expiresAt() < 0) {
      return c.grants();
    }
    Optional<Grants> found = readGrants(userId);
    if (grantsCache.size() >= GRANTS_CACHE_MAX) {
      grantsCache.clear();
    }
    grantsCache.put(userId, new CachedGrants(found, now + GRANTS_CACHE_MILLIS * 1_000_000));
    return found;
  }

  private Optional<Grants> readGrants(String userId) {
    record Row(boolean admin, @Nullable String document) {}
    List<Row> rows = jdbc.sql("SELECT u.is_admin, p.document FROM ram_user u "
            + "LEFT JOIN ram_user_policy ua ON ua.user_id = u.id "
            + "LEFT JOIN ram_policy p ON p.policy_type = ua.policy_type AND p.policy_name = ua.policy_name "
            + "WHERE u.id = :u")
        .param("u", userId).query((rs, i) -> new Row(rs.getBoolean(1), rs.getString(2))).list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Grants(rows.get(0).admin(),
        rows.stream().map(Row::document).filter(java.util.Objects::nonNull).toList()));
  }

  /** A user's administrator flag and policy documents. */
  public record Grants(boolean admin, List<String> documents) {}

  private void insert(PolicyType type, String name, @Nullable String description, String document, OffsetDateTime now) {
    jdbc.sql("INSERT INTO ram_policy (policy_type, policy_name, description, document, default_version, created_at, "
            + "updated_at) VALUES (:t, :n, :d, :doc, :v, :at, :at)")
        .param("t", type.name()).param("n", name).param("d", description).param("doc", document)
        .param("v", DEFAULT_VERSION).param("at", now).update();
  }

  static StoredPolicy row(ResultSet rs, int i) throws SQLException {
    return new StoredPolicy(PolicyType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getInt(8));
  }
}
