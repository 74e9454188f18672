package dev.drydock.server.advisory;

import dev.drydock.server.config.Processes;
import dev.drydock.server.results.ReportCodec;
import dev.drydock.server.results.ResultWriter;
import dev.drydock.server.task.ScanEngine;
import dev.drydock.server.task.TaskSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-matches every stored inventory when the advisory database changes — after {@code drydock db
 * import/update} by another process, or a scheduled update in this one — so vulnerability rows and
 * risk counts follow the advisories without pulling any image ("index once, match often").
 *
 * <p>Every {@code drydock.scan.rematch.poll-interval} the database's {@linkplain
 * AdvisoryDatabases#fingerprint fingerprint} is read; reports matched against another fingerprint
 * (and not being scanned right now) are stale. One process at a time re-matches: it claims the
 * {@code advisory_state} row with a lease (the {@code SyncClaims} scheme), then works through the
 * stale reports in digest order, a batch per transaction, matching on {@code rematch.threads}
 * threads against one cached view of the database. Each report is rewritten only if it still holds
 * what was read (a scan that finished meanwhile wins), and vulnerability rows only if they changed.
 * A process that dies mid-way leaves the remaining reports stale; the next holder continues.
 */
@Component
public class Rematcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(Rematcher.class);
  private static final String STALE = " FROM image_report rep WHERE (rep.advisory_db IS NULL OR rep.advisory_db <> :fp)"
      + " AND NOT EXISTS (SELECT 1 FROM scan_job j WHERE j.digest = rep.digest AND j.state IN ('INIT', 'START'))";

  private final AdvisoryDatabases databases;
  private final ScanEngine engine;
  private final ResultWriter writer;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final TaskSettings settings;
  private final String owner = Processes.ownerId();
  private volatile @Nullable ScheduledExecutorService poller;

  public Rematcher(AdvisoryDatabases databases, ScanEngine engine, ResultWriter writer, JdbcClient jdbc,
      PlatformTransactionManager transactions, Clock clock, Environment env) {
    this.databases = databases;
    this.engine = engine;
    this.writer = writer;
    this.jdbc = jdbc;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.settings = TaskSettings.from(env);
  }

  /**
   * What one pass did: reports examined and kept, and the wall time spent reading stored
   * inventories, waiting for matches (matching overlaps with writing the previous batch) and
   * writing the results.
   */
  public record Pass(String fingerprint, int examined, int rewritten, Duration reading, Duration matching,
      Duration writing) {}

  /**
   * Re-matches the stale reports now, if this process can claim the work; empty when nothing is
   * stale or another process holds the claim.
   */
  public Optional<Pass> runOnce() throws IOException, InterruptedException {
    String fp = databases.fingerprint();
    boolean stale = jdbc.sql("SELECT COUNT(*) FROM (SELECT rep.digest" + STALE + " LIMIT 1) s").param("fp", fp)
        .query(Long.class).single() > 0;
    if (!stale || !claim()) {
      return Optional.empty();
    }
    int examined = 0;
    int rewritten = 0;
    ExecutorService pool = Executors.newFixedThreadPool(settings.rematchThreads(), Processes.daemonThreads("rematch-"));
    try {
      Optional<AdvisoryDatabases.Opened> opened = databases.open();
      try {
        String matchedFp = opened.map(AdvisoryDatabases.Opened::fingerprint).orElse(AdvisoryDatabases.NONE);
        CachingAdvisorySource source = opened.map(o -> new CachingAdvisorySource(o.source())).orElse(null);
        String after = "";
        long reading = 0;
        long matching = 0;
        long writing = 0;
        List<Future<ResultWriter.Match>> pending = List.of();
        while (true) {
          long t0 = System.nanoTime();
          List<Stored> batch = jdbc.sql("SELECT rep.digest, rep.index_json, rep.advisory_db" + STALE
                  + " AND rep.digest > :after ORDER BY rep.digest LIMIT :n")
              .param("fp", matchedFp).param("after", after).param("n", settings.rematchBatch())
              .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).list();
          reading += System.nanoTime() - t0;
          // Batch k is matched on the pool while batch k - 1 is written here.
          List<Future<ResultWriter.Match>> next = new ArrayList<>();
          for (Stored s : batch) {
            next.add(pool.submit(() -> match(s, source)));
          }
          if (!pending.isEmpty()) {
            long t1 = System.nanoTime();
            List<ResultWriter.Match> matched = collect(pending);
            long t2 = System.nanoTime();
            matching += t2 - t1;
            Instant now = clock.instant();
            Integer written = tx.execute(s -> {
              if (!renew()) {
                throw new IllegalStateException("re-match claim lost");
              }
              return writer.rewriteMatches(matched, matchedFp, now);
            });
            writing += System.nanoTime() - t2;
            examined += pending.size();
            rewritten += written == null ? 0 : written;
          }
          if (batch.isEmpty()) {
            break;
          }
          after = batch.get(batch.size() - 1).digest();
          pending = next;
        }
        release(matchedFp, examined);
        Pass pass = new Pass(matchedFp, examined, rewritten, Duration.ofNanos(reading), Duration.ofNanos(matching),
            Duration.ofNanos(writing));
        LOG.info("re-matched {} stored inventories against advisory database {}: {} kept; read {} ms, match {} ms, "
            + "write {} ms", examined, matchedFp, rewritten, pass.reading().toMillis(), pass.matching().toMillis(),
            pass.writing().toMillis());
        return Optional.of(pass);
      } finally {
        if (opened.isPresent()) {
          opened.get().close();
        }
      }
    } catch (RuntimeException e) {
      releaseQuietly();
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  private record Stored(String digest, String indexJson, @Nullable String previous) {}

  private static List<ResultWriter.Match> collect(List<Future<ResultWriter.Match>> futures)
      throws InterruptedException {
    List<ResultWriter.Match> out = new ArrayList<>();
    for (Future<ResultWriter.Match> f : futures) {
      try {
        ResultWriter.Match m = f.get();
        if (m != null) {
          out.add(m);
        }
      } catch (ExecutionException e) {
        LOG.warn("re-match failed: {}", e.getCause().toString());
      }
    }
    return out;
  }

  private ResultWriter.@Nullable Match match(Stored s, @Nullable CachingAdvisorySource source) {
    try {
      return new ResultWriter.Match(s.digest(), engine.match(ReportCodec.index(s.indexJson()), source), s.previous());
    } catch (RuntimeException e) {
      LOG.warn("cannot re-match {}: {}", s.digest(), e.toString());
      return null;
    }
  }

  private boolean claim() {
    Instant now = clock.instant();
    return jdbc.sql("""
            UPDATE advisory_state SET rematch_owner = :o, rematch_lease_until = :u, rematch_started_at = :now
            WHERE id = 1 AND (rematch_lease_until IS NULL OR rematch_lease_until < :now OR rematch_owner = :o)""")
        .param("o", owner).param("u", utc(now.plus(settings.lease()))).param("now", utc(now)).update() == 1;
  }

  private boolean renew() {
    return jdbc.sql("UPDATE advisory_state SET rematch_lease_until = :u WHERE id = 1 AND rematch_owner = :o")
        .param("u", utc(clock.instant().plus(settings.lease()))).param("o", owner).update() == 1;
  }

  private void release(String fp, long count) {
    jdbc.sql("""
            UPDATE advisory_state SET fingerprint = :fp, rematch_owner = NULL, rematch_lease_until = NULL,
              rematched_at = :now, rematched_reports = :n
            WHERE id = 1 AND rematch_owner = :o""")
        .param("fp", fp).param("now", utc(clock.instant())).param("n", count).param("o", owner).update();
  }

  private void releaseQuietly() {
    try {
      jdbc.sql("UPDATE advisory_state SET rematch_owner = NULL, rematch_lease_until = NULL WHERE id = 1 AND rematch_owner = :o")
          .param("o", owner).update();
    } catch (RuntimeException e) {
      LOG.warn("cannot release the re-match claim: {}", e.toString());
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private void poll() {
    try {
      runOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.warn("re-match failed: {}", e.toString());
    }
  }

  // ---- lifecycle ----

  @Override
  public void start() {
    if (!settings.background() || poller != null) {
      return;
    }
    ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(Processes.daemonThreads("rematch-poller-"));
    poller = p;
    long every = settings.rematchPollInterval().toMillis();
    p.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService p = poller;
    poller = null;
    if (p != null) {
      p.shutdownNow();
      try {
        p.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      releaseQuietly();
    }
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }
}
