package dev.drydock.server.inventory;

import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.config.Processes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs registry syncs: on registration and on ModifyImageRegistry ({@link #requestSync}), on a
 * schedule (TransPerHour syncs per hour: the next one is due 3600 / TransPerHour seconds after the
 * last ended; 0 turns the schedule off), and on demand for scan tasks ({@link #syncNow}).
 *
 * <p>Background syncs run on this service's own executor, never on a request thread: API calls
 * only flag the registry and return. A poller looks every {@code poll-interval} (and at once when
 * woken) for registries that are requested or due, claims as many as it has free workers through
 * {@link SyncClaims} — so server processes sharing the database never sync the same registry at
 * once, and a crashed process's claims expire with their lease — and hands them to the workers.
 *
 * <p>A failed sync (registry unreachable, credentials refused …) marks the registry
 * {@code FAILED} with the reason and leaves the inventory as the last successful sync wrote it.
 * Registry passwords are decrypted only to build the sync's {@link CredentialProvider}; they are
 * scrubbed from any reason recorded or logged.
 */
@Component
public class RegistrySyncService implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrySyncService.class);
  public static final String PASSWORD_PURPOSE = "registry-password";

  private final RegistryStore store;
  private final SyncClaims claims;
  private final InventoryWriter writer;
  private final SecretCipher cipher;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final SyncSettings settings;
  private final String owner = Processes.ownerId();
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private volatile @Nullable ScheduledExecutorService poller;
  private volatile @Nullable ExecutorService workers;

  public RegistrySyncService(RegistryStore store, SyncClaims claims, InventoryWriter writer, SecretCipher cipher,
      PlatformTransactionManager transactions, Clock clock, Environment env) {
    this.store = store;
    this.claims = claims;
    this.writer = writer;
    this.cipher = cipher;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.settings = SyncSettings.from(env);
  }

  /** The identity this process claims registries under ({@code host/pid/random}). */
  public String owner() {
    return owner;
  }

  public SyncSettings settings() {
    return settings;
  }

  /** Asks for a sync of the registry as soon as a worker is free; returns at once. */
  public void requestSync(long registryId) {
    claims.request(registryId);
    wake();
  }

  /**
   * Syncs the registry now, in the calling thread, unless a sync of it is already running here or
   * in another process ({@link SyncOutcome.Busy}: that sync will bring the inventory up to date).
   */
  public SyncOutcome syncNow(long registryId) {
    if (!running.add(registryId)) {
      return new SyncOutcome.Busy(registryId);
    }
    try {
      Instant now = clock.instant();
      if (store.find(registryId).isEmpty()) {
        return new SyncOutcome.NotFound(registryId);
      }
      if (!claims.claim(registryId, owner, now, now.plus(settings.lease()))) {
        return new SyncOutcome.Busy(registryId);
      }
      return runClaimed(registryId);
    } finally {
      running.remove(registryId);
    }
  }

  /** Looks for requested or due syncs and starts as many as there are free workers. */
  void poll() {
    ExecutorService w = workers;
    if (w == null || w.isShutdown()) {
      return;
    }
    try {
      int free = settings.threads() - running.size();
      if (free <= 0) {
        return;
      }
      Processes.dispatch(w, running, claims.due(clock.instant(), free), id -> {
        Instant now = clock.instant();
        return claims.claim(id, owner, now, now.plus(settings.lease()));
      }, id -> {
        try {
          runClaimed(id);
        } finally {
          running.remove(id);
          wake();
        }
      }, id -> claims.release(id, owner));
    } catch (RuntimeException e) {
      LOG.warn("registry sync poll failed: {}", e.toString());
    }
  }

  private void wake() {
    Processes.wake(poller, this::poll);
  }

  private SyncOutcome runClaimed(long registryId) {
    Optional<RegistryRow> found = store.find(registryId);
    if (found.isEmpty()) {
      return new SyncOutcome.NotFound(registryId);
    }
    RegistryRow registry = found.get();
    String password = null;
    try {
      CredentialProvider credentials = CredentialProvider.ANONYMOUS;
      if (registry.userName() != null && !registry.userName().isEmpty() && registry.passwordEnc() != null) {
        password = cipher.decrypt(PASSWORD_PURPOSE, registry.passwordEnc());
        credentials = CredentialProvider.fixed(new Credentials(registry.userName(), password));
      }
      LeaseKeeper lease = new LeaseKeeper(registryId);
      SyncResult result = new RegistrySync(registry, credentials, settings, writer, tx, clock, lease).run();
      claims.finish(registryId, owner, SyncClaims.OK, result.problemSummary(), clock.instant(), next(registry));
      LOG.info("registry {} synced: {} repositories, {} tags ({} new, {} changed, {} unchanged, {} removed), "
              + "{} manifest and {} blob fetches in {} ms", registryId, result.repositories(), result.tags(),
          result.added(), result.changed(), result.unchanged(), result.removedTags(), result.manifestGets(),
          result.blobGets(), result.duration().toMillis());
      return new SyncOutcome.Synced(registryId, result);
    } catch (LeaseLostException e) {
      LOG.warn("registry {} sync stopped: its claim was taken over by another process", registryId);
      return new SyncOutcome.Busy(registryId);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InterruptedIOException) {
        Thread.currentThread().interrupt();
      }
      String reason = scrub(describe(e), password);
      try {
        claims.finish(registryId, owner, SyncClaims.FAILED, reason, clock.instant(), next(registry));
      } catch (RuntimeException recordFailure) {
        LOG.warn("registry {}: cannot record the failed sync: {}", registryId, recordFailure.toString());
      }
      LOG.warn("registry {} sync failed: {}", registryId, reason);
      return new SyncOutcome.Failed(registryId, reason);
    }
  }

  private @Nullable Instant next(RegistryRow r) {
    return r.transPerHour() <= 0 ? null : clock.instant().plus(Duration.ofSeconds(3600L / r.transPerHour()));
  }

  static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** The reason with every occurrence of the password masked. */
  static String scrub(String reason, @Nullable String password) {
    return password == null || password.isEmpty() ? reason : reason.replace(password, "******");
  }

  private static final class LeaseLostException extends RuntimeException {
    LeaseLostException() {
      super("sync claim lost", null, false, false);
    }
  }

  /** Renews the claim when a third of the lease has passed. */
  private final class LeaseKeeper implements RegistrySync.Lease {
    private final long registryId;
    private Instant renewedAt = clock.instant();

    LeaseKeeper(long registryId) {
      this.registryId = registryId;
    }

    @Override
    public void renewIfDue() {
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("interrupted: the server is stopping");
      }
      Instant now = clock.instant();
      if (Duration.between(renewedAt, now).compareTo(settings.lease().dividedBy(3)) < 0) {
        return;
      }
      if (!claims.renew(registryId, owner, now.plus(settings.lease()))) {
        throw new LeaseLostException();
      }
      renewedAt = now;
    }
  }

  // ---- lifecycle ----

  @Override
  public void start() {
    if (!settings.enabled() || poller != null) {
      return;
    }
    workers = Executors.newFixedThreadPool(settings.threads(), Processes.daemonThreads("registry-sync-"));
    ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(Processes.daemonThreads("registry-sync-poller-"));
    poller = p;
    p.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ExecutorService w = workers;
    Processes.stop(poller, w, () -> claims.releaseAll(owner), LOG, "registry sync claims");
    poller = null;
    workers = null;
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }
}
