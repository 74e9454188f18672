package dev.drydock.server.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends audit records to {@code audit_log} without holding up the calls: {@link #record} puts
 * the record on a bounded queue and one background thread writes queued records in batches. When
 * the queue is full the caller writes its record itself (slower, never lost). On shutdown —
 * after the web server has stopped taking calls — the queue is drained before the database goes
 * away, so a normal shutdown loses nothing. A batch the database refuses is retried, then
 * reported as lost in the log (counts only: records never appear in logs).
 */
@Component
public class AuditTrail implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final int QUEUE = 10_000;
  private static final int BATCH = 500;
  private static final int ATTEMPTS = 3;
  static final String INSERT = "INSERT INTO audit_log (called_at, request_id, access_key_id, user_id, user_name, "
      + "api_version, action, params, source_ip, secure, code, http_status, latency_micros) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final Thread writer;
  private volatile boolean stopping;

  public AuditTrail(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.writer = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(this::run);
    writer.start();
  }

  /** Queues one record (or, with the queue full or the writer stopped, writes it at once). */
  public void record(AuditRecord r) {
    accepted.incrementAndGet();
    if (stopping || !queue.offer(r)) {
      write(List.of(r));
    }
  }

  /** Waits until every record accepted before this call is written (or given up); false on timeout. */
  public boolean flush(Duration timeout) throws InterruptedException {
    long target = accepted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (done.get() < target) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private void run() {
    List<AuditRecord> batch = new ArrayList<>(BATCH);
    while (!stopping || !queue.isEmpty()) {
      try {
        AuditRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void write(List<AuditRecord> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        jdbc.batchUpdate(INSERT, batch.stream().map(AuditTrail::row).toList());
        done.addAndGet(batch.size());
        return;
      } catch (DataAccessException e) {
        if (attempt >= ATTEMPTS) {
          LOG.error("lost {} audit records: the database refused them {} times ({})", batch.size(), ATTEMPTS,
              e.getClass().getSimpleName());
          done.addAndGet(batch.size());
          return;
        }
        LOG.warn("writing {} audit records failed ({}); retrying", batch.size(), e.getClass().getSimpleName());
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static Object[] row(AuditRecord r) {
    return new Object[] {OffsetDateTime.ofInstant(r.calledAt(), ZoneOffset.UTC), cut(r.requestId(), 64), cut(r.accessKeyId(), 64),
        cut(r.userId(), 32), cut(r.userName(), 128), cut(r.apiVersion(), 16), cut(r.action(), 128), r.params(),
        cut(r.sourceIp(), 64), r.secure(), cut(r.code(), 128), r.httpStatus(), r.latencyMicros()};
  }

  private static @Nullable String cut(@Nullable String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** Drains the queue: called by the container after the web server stopped and before the database closes. */
  @Override
  public void destroy() throws InterruptedException {
    stopping = true;
    writer.join(Duration.ofSeconds(30));
    List<AuditRecord> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      write(rest);
    }
  }
}
