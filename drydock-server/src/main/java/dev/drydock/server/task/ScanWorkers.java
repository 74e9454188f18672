package dev.drydock.server.task;

import dev.drydock.server.advisory.AdvisoryDatabases;
import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.config.Processes;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.results.ResultWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * The scan workers of this process: {@code drydock.scan.workers} jobs at once. A poller looks every
 * {@code poll-interval} (and at once when a task is created or a job ends) for claimable jobs,
 * claims as many as there are free workers through {@link JobClaims}, and hands them to
 * {@link JobRunner}; a renewer extends this process's leases every third of the lease. On a normal
 * stop the jobs in hand are given back for any process to resume; after a crash their leases
 * simply run out.
 */
@Component
public class ScanWorkers implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ScanWorkers.class);

  private final JobClaims claims;
  private final TaskSettings settings;
  private final JobRunner runner;
  private final Clock clock;
  private final String owner = Processes.ownerId();
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private volatile @Nullable ScheduledExecutorService poller;
  private volatile @Nullable ExecutorService workers;

  public ScanWorkers(JobClaims claims, ScanEngine engine, AdvisoryDatabases advisories, ResultWriter results,
      RegistryStore registries, SecretCipher cipher, JdbcClient jdbc, PlatformTransactionManager transactions,
      Clock clock, Environment env) {
    this.claims = claims;
    this.settings = TaskSettings.from(env);
    this.clock = clock;
    this.runner = new JobRunner(claims, settings, engine, advisories, results, registries, cipher, jdbc,
        new TransactionTemplate(transactions), clock, owner);
  }

  /** The identity this process claims jobs under. */
  public String owner() {
    return owner;
  }

  /** Looks for claimable jobs now (a task was created). */
  public void wake() {
    Processes.wake(poller, this::poll);
  }

  void poll() {
    ExecutorService w = workers;
    if (w == null || w.isShutdown()) {
      return;
    }
    try {
      for (long task : claims.completable()) {
        claims.completeTask(task, clock.instant());
      }
      int free = settings.workers() - running.size();
      if (free <= 0) {
        return;
      }
      Processes.dispatch(w, running, claims.claimable(clock.instant(), free), id -> {
        Instant now = clock.instant();
        return claims.claim(id, owner, now, now.plus(settings.lease()));
      }, this::work, id -> claims.release(id, owner, null, clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("scan job poll failed: {}", e.toString());
    }
  }

  private void work(long id) {
    try {
      runner.run(id);
    } catch (Throwable t) {
      LOG.error("scan job {} crashed its worker; giving it back", id, t);
      try {
        claims.release(id, owner, "internal error: " + t, clock.instant().plus(settings.backoff()));
      } catch (RuntimeException e) {
        LOG.warn("scan job {}: cannot give it back: {}", id, e.toString());
      }
      if (t instanceof Error err && !(t instanceof OutOfMemoryError)) {
        throw err;
      }
    } finally {
      running.remove(id);
      wake();
    }
  }

  private void renew() {
    if (running.isEmpty()) {
      return;
    }
    try {
      claims.renew(owner, java.util.Set.copyOf(running), clock.instant().plus(settings.lease()));
    } catch (RuntimeException e) {
      LOG.warn("cannot renew scan job leases: {}", e.toString());
    }
  }

  // ---- lifecycle ----

  @Override
  public void start() {
    if (!settings.background() || settings.workers() == 0 || poller != null) {
      return;
    }
    workers = Executors.newFixedThreadPool(settings.workers(), Processes.daemonThreads("scan-worker-"));
    ScheduledExecutorService p = Executors.newScheduledThreadPool(2, Processes.daemonThreads("scan-poller-"));
    poller = p;
    p.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    long renewEvery = Math.max(500, settings.lease().toMillis() / 3);
    p.scheduleWithFixedDelay(this::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ExecutorService w = workers;
    Processes.stop(poller, w, () -> claims.releaseAll(owner, clock.instant()), LOG, "scan jobs");
    poller = null;
    workers = null;
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }
}
