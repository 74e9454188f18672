package dev.drydock.server.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * AccessKeys and the users they belong to. Secrets are stored encrypted ({@link SecretCipher})
 * and only ever decrypted to verify a signature.
 *
 * <p>Signature verification reads keys through {@link #credential}, which keeps a found key (its
 * status and decrypted secret) for {@value #CACHE_MILLIS} ms, so a busy client costs one lookup and
 * one decryption per second instead of one per call. Every change this class makes to a key drops
 * it from that cache at once; a change made by another process sharing the database (another
 * server, {@code drydock accesskey disable}) is seen within {@value #CACHE_MILLIS} ms. Unknown keys
 * are never cached.
 */
@Component
public final class AccessKeyStore {

  private static final String PURPOSE = "accesskey-secret";
  private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  static final long CACHE_MILLIS = 1000;
  private static final int CACHE_MAX = 10_000;

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Credential credential, long expiresAt) {}

  public AccessKeyStore(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** A key and its secret, as verification needs them. */
  public record Credential(AccessKey key, String secret, String userName) {}

  public Optional<Credential> find(String accessKeyId) {
    return jdbc.sql("""
            SELECT k.id, k.user_id, k.status, k.created_at, k.secret_enc, u.user_name
            FROM access_key k JOIN ram_user u ON u.id = k.user_id WHERE k.id = :id""")
        .param("id", accessKeyId)
        .query((rs, i) -> new Credential(
            new AccessKey(rs.getString(1), rs.getString(2), AccessKey.Status.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant()),
            cipher.decrypt(PURPOSE, rs.getString(5)), rs.getString(6)))
        .optional();
  }

  /** A key without its secret. */
  public Optional<AccessKey> key(String accessKeyId) {
    return jdbc.sql("SELECT id, user_id, status, created_at FROM access_key WHERE id = :id").param("id", accessKeyId)
        .query((rs, i) -> new AccessKey(rs.getString(1), rs.getString(2), AccessKey.Status.valueOf(rs.getString(3)),
            rs.getTimestamp(4).toInstant()))
        .optional();
  }

  /** {@link #find}, through the short-lived cache of verification (see the class comment). */
  public Optional<Credential> credential(String accessKeyId) {
    Cached c = cache.get(accessKeyId);
    long now = System.nanoTime();
    if (c != null && now - c.expiresAt() < 0) {
      return Optional.of(c.credential());
    }
    Optional<Credential> found = find(accessKeyId);
    if (found.isPresent()) {
      if (cache.size() >= CACHE_MAX) {
        cache.clear();
      }
      cache.put(accessKeyId, new Cached(found.get(), now + CACHE_MILLIS * 1_000_000));
    } else {
      cache.remove(accessKeyId);
    }
    return found;
  }

  public List<AccessKey> list(Optional<String> userId) {
    return jdbc.sql("SELECT id, user_id, status, created_at FROM access_key"
            + (userId.isPresent() ? " WHERE user_id = :u" : "") + " ORDER BY created_at, id")
        .params(userId.isPresent() ? java.util.Map.of("u", userId.get()) : java.util.Map.of())
        .query((rs, i) -> new AccessKey(rs.getString(1), rs.getString(2), AccessKey.Status.valueOf(rs.getString(3)),
            rs.getTimestamp(4).toInstant()))
        .list();
  }

  public boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM access_key").query(Long.class).single() == 0;
  }

  /** Creates a user if needed and returns its id. */
  public String ensureUser(String userName, boolean admin) {
    Optional<String> id = jdbc.sql("SELECT id FROM ram_user WHERE user_name = :n").param("n", userName)
        .query(String.class).optional();
    if (id.isPresent()) {
      return id.get();
    }
    String newId = newUserId();
    jdbc.sql("INSERT INTO ram_user (id, user_name, display_name, is_admin, created_at) VALUES (:id, :n, :n, :a, :t)")
        .param("id", newId).param("n", userName).param("a", admin)
        .param("t", java.time.OffsetDateTime.ofInstant(now(), java.time.ZoneOffset.UTC))
        .update();
    return newId;
  }

  /** A new random 12-digit user id (the shape of RAM's numeric user ids). */
  static String newUserId() {
    return String.valueOf(100_000_000_000L + (RANDOM.nextLong() & 0x7fffffffffL) % 900_000_000_000L);
  }

  /** Stores a key with the given id and secret (bootstrap), or generated ones. */
  public Credential create(String userId, Optional<String> id, Optional<String> secret) {
    String keyId = id.orElseGet(() -> "LTAI" + random(20));
    String keySecret = secret.orElseGet(() -> random(30));
    Instant created = now();
    java.time.OffsetDateTime createdAt = java.time.OffsetDateTime.ofInstant(created, java.time.ZoneOffset.UTC);
    jdbc.sql("INSERT INTO access_key (id, user_id, secret_enc, status, created_at) VALUES (:id, :u, :s, 'Active', :t)")
        .param("id", keyId).param("u", userId).param("s", cipher.encrypt(PURPOSE, keySecret)).param("t", createdAt)
        .update();
    String userName = jdbc.sql("SELECT user_name FROM ram_user WHERE id = :u").param("u", userId).query(String.class).single();
    return new Credential(new AccessKey(keyId, userId, AccessKey.Status.Active, created), keySecret, userName);
  }

  /** Sets a key's status; false when there is no such key. */
  public boolean setStatus(String keyId, AccessKey.Status status) {
    boolean changed = jdbc.sql("UPDATE access_key SET status = :s WHERE id = :id").param("s", status.name())
        .param("id", keyId).update() == 1;
    cache.remove(keyId);
    return changed;
  }

  public boolean delete(String keyId) {
    boolean deleted = jdbc.sql("DELETE FROM access_key WHERE id = :id").param("id", keyId).update() == 1;
    cache.remove(keyId);
    return deleted;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  static String random(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALNUM[RANDOM.nextInt(ALNUM.length)];
    }
    return new String(c);
  }
}
