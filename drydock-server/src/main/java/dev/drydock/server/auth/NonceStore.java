package dev.drydock.server.auth;

import dev.drydock.server.config.ServerSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers signature nonces per AccessKey in the database, so a replay is refused by every
 * server process sharing it. A nonce is claimed by inserting it under a primary key; a nonce that
 * is already there was used.
 *
 * <p><b>Group commit.</b> Claims made at the same moment are written together: each caller queues
 * its claim and takes the writer lock; whoever holds it writes every queued claim in one
 * transaction (one JDBC batch of {@code INSERT … ON CONFLICT DO NOTHING}, one commit) and answers
 * them all, so callers that queued meanwhile find their answer when the lock is theirs. No claim
 * is answered before its transaction has committed — the check is exactly as strong as one insert
 * per request, at a fraction of the commits — and nothing waits for a timer: a lone claim is
 * written at once. Two claims of the same nonce in one batch: the first wins.
 *
 * <p><b>Durability.</b> On PostgreSQL the claims' transactions commit without waiting for the
 * write-ahead log to reach the disk ({@code SET LOCAL synchronous_commit TO OFF}, for these
 * transactions only). Every server sees a claim as soon as it is committed, so replay protection
 * between processes is unchanged; only a crash of PostgreSQL itself can lose the claims of its
 * last moments (at most three {@code wal_writer_delay}s, 600 ms by default), which lets a request
 * signed in those moments be replayed once after the database restarts, within its 15-minute
 * timestamp window. In exchange the commit per batch no longer waits for a disk flush, which
 * halved the throughput of signed calls in the ListImageRisk benchmark. Every other table keeps
 * the database's (durable) setting.
 *
 * <p><b>Retention.</b> A nonce is kept until its request's timestamp leaves the accepted window
 * ({@link Authenticator#WINDOW} after the timestamp, plus a minute), because after that the
 * timestamp check refuses the request anyway.
 */
@Component
public class NonceStore {

  /** How long after its request's timestamp a nonce is kept: the window and a minute of margin. */
  static final java.time.Duration RETENTION = Authenticator.WINDOW.plusMinutes(1);
  static final int MAX_BATCH = 512;
  private static final String INSERT =
      "INSERT INTO used_nonce (access_key_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final TransactionTemplate tx;
  private final ConcurrentLinkedQueue<Claim> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writer = new ReentrantLock();

  private record Claim(String accessKeyId, String nonce, OffsetDateTime expiresAt, CompletableFuture<Boolean> used) {
    String key() {
      return accessKeyId + '\n' + nonce;
    }
  }

  private final boolean postgres;

  public NonceStore(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions,
      ServerSettings settings) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.tx = new TransactionTemplate(transactions);
    this.postgres = settings.dbUrl().startsWith("jdbc:postgresql:");
  }

  /**
   * Claims a nonce of a request signed at {@code requestTime}; false when it was already used.
   * Returns once the claim is committed.
   */
  public boolean claim(String accessKeyId, String nonce, Instant requestTime) {
    Claim mine = new Claim(accessKeyId, nonce, OffsetDateTime.ofInstant(requestTime.plus(RETENTION), ZoneOffset.UTC),
        new CompletableFuture<>());
    queue.add(mine);
    writer.lock();
    try {
      while (!mine.used().isDone()) {
        writeQueued();
      }
    } finally {
      writer.unlock();
    }
    return !mine.used().join();
  }

  /** Writes the queued claims (the caller holds the writer lock) and answers each of them. */
  private void writeQueued() {
    List<Claim> claims = new ArrayList<>();
    Claim next;
    while (claims.size() < MAX_BATCH && (next = queue.poll()) != null) {
      claims.add(next);
    }
    List<Claim> distinct = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Claim c : claims) {
      if (seen.add(c.key())) {
        distinct.add(c);
      } else {
        c.used().complete(true); // the same nonce earlier in this batch
      }
    }
    if (distinct.isEmpty()) {
      return;
    }
    try {
      int[] inserted = tx.execute(status -> {
        if (postgres) {
          batch.execute("SET LOCAL synchronous_commit TO OFF");
        }
        return batch.batchUpdate(INSERT, distinct, distinct.size(), (ps, c) -> {
          ps.setString(1, c.accessKeyId());
          ps.setString(2, c.nonce());
          ps.setObject(3, c.expiresAt());
        })[0];
      });
      for (int i = 0; i < distinct.size(); i++) {
        if (inserted[i] == java.sql.Statement.SUCCESS_NO_INFO) {
          throw new IllegalStateException("the JDBC driver did not report which nonces were inserted");
        }
        distinct.get(i).used().complete(inserted[i] == 0);
      }
    } catch (RuntimeException e) {
      for (Claim c : distinct) {
        c.used().completeExceptionally(e);
      }
      throw e;
    }
  }

  @Scheduled(fixedDelay = 60_000)
  public void expire() {
    jdbc.sql("DELETE FROM used_nonce WHERE expires_at < :now").param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
  }
}
