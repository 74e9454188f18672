package dev.drydock.server.inventory;

import static dev.drydock.server.inventory.RegistryStore.utc;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which server process syncs which registry, coordinated through the {@code registry} row so that
 * several processes sharing one database never sync the same registry at once.
 *
 * <p>A process <em>claims</em> a registry with one conditional UPDATE that succeeds only when no
 * unexpired lease is held ({@code sync_lease_until} NULL or past): the database's row lock makes
 * exactly one of two racing claims see its row updated. The holder renews the lease while it works
 * and clears it when it finishes; a process that dies simply lets its lease run out, after which
 * any process may claim the registry again. Every write of a holder is conditional on
 * {@code sync_owner} still being its own, so a holder whose lease was taken over stops.
 */
@Component
public class SyncClaims {

  public static final String RUNNING = "RUNNING";
  public static final String OK = "OK";
  public static final String FAILED = "FAILED";

  private final JdbcClient jdbc;

  public SyncClaims(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Marks a sync as wanted as soon as possible; false when there is no such registry. */
  public boolean request(long registryId) {
    return jdbc.sql("UPDATE registry SET sync_requested = TRUE WHERE id = :id").param("id", registryId).update() == 1;
  }

  /** Registries whose sync was requested or is due and that nobody holds, most urgent first. */
  public List<Long> due(Instant now, int limit) {
    return jdbc.sql("""
            SELECT id FROM registry
            WHERE (sync_requested = TRUE OR (trans_per_hour > 0 AND (next_sync_at IS NULL OR next_sync_at <= :now)))
              AND (sync_lease_until IS NULL OR sync_lease_until < :now)
            ORDER BY sync_requested DESC, next_sync_at, id LIMIT :limit""")
        .param("now", utc(now)).param("limit", limit)
        .query(Long.class).list();
  }

  /** Takes the registry for {@code owner} until {@code leaseUntil}; false when another holder has it. */
  public boolean claim(long registryId, String owner, Instant now, Instant leaseUntil) {
    return jdbc.sql("""
            UPDATE registry SET sync_owner = :owner, sync_lease_until = :until, sync_started_at = :now,
              sync_status = 'RUNNING', sync_requested = FALSE
            WHERE id = :id AND (sync_lease_until IS NULL OR sync_lease_until < :now)""")
        .param("owner", owner).param("until", utc(leaseUntil)).param("now", utc(now)).param("id", registryId)
        .update() == 1;
  }

  /** Extends the lease; false when {@code owner} no longer holds the registry (or it was deleted). */
  public boolean renew(long registryId, String owner, Instant leaseUntil) {
    return jdbc.sql("UPDATE registry SET sync_lease_until = :until WHERE id = :id AND sync_owner = :owner")
        .param("until", utc(leaseUntil)).param("id", registryId).param("owner", owner)
        .update() == 1;
  }

  /** Records the outcome and releases the claim; {@code nextSyncAt} null: no periodic sync. */
  public boolean finish(long registryId, String owner, String status, @Nullable String error, Instant now,
      @Nullable Instant nextSyncAt) {
    return jdbc.sql("""
            UPDATE registry SET sync_status = :status, sync_error = :error, last_sync_at = :now,
              next_sync_at = :next, sync_owner = NULL, sync_lease_until = NULL
            WHERE id = :id AND sync_owner = :owner""")
        .param("status", status).param("error", error == null ? null : truncate(error, 2000))
        .param("now", utc(now)).param("next", nextSyncAt == null ? null : utc(nextSyncAt))
        .param("id", registryId).param("owner", owner)
        .update() == 1;
  }

  /** Releases every claim of {@code owner} (shutdown) and asks for those syncs again. */
  public int releaseAll(String owner) {
    return jdbc.sql("""
            UPDATE registry SET sync_owner = NULL, sync_lease_until = NULL, sync_requested = TRUE,
              sync_status = 'FAILED', sync_error = 'interrupted: the server syncing it stopped'
            WHERE sync_owner = :owner""")
        .param("owner", owner).update();
  }

  /** Releases one claim of {@code owner} that never started, asking for the sync again. */
  public boolean release(long registryId, String owner) {
    return jdbc.sql("""
            UPDATE registry SET sync_owner = NULL, sync_lease_until = NULL, sync_requested = TRUE,
              sync_status = 'FAILED', sync_error = 'interrupted: the server syncing it stopped'
            WHERE id = :id AND sync_owner = :owner""")
        .param("id", registryId).param("owner", owner).update() == 1;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
