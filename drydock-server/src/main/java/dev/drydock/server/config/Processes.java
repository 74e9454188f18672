package dev.drydock.server.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/** How a server process names itself in the claims it holds, and its background threads. */
public final class Processes {
  private Processes() {}

  /** {@code host/pid/random}: unique per process start, at most 120 characters. */
  public static String ownerId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "localhost";
      }
    }
    byte[] r = new byte[4];
    new SecureRandom().nextBytes(r);
    String id = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + HexFormat.of().formatHex(r);
    return id.length() <= 120 ? id : id.substring(id.length() - 120);
  }

  /** Daemon threads named {@code prefix1}, {@code prefix2} … */
  public static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Runs {@code poll} on the poller now, unless it is stopping. */
  public static void wake(@Nullable ScheduledExecutorService poller, Runnable poll) {
    if (poller != null && !poller.isShutdown()) {
      try {
        poller.execute(poll);
      } catch (RejectedExecutionException ignored) {
        // stopping
      }
    }
  }

  /**
   * Stops a poller and its workers: interrupts what runs, waits up to 10 s for the workers, then
   * gives back what this process still holds ({@code release}; a failure there is logged).
   */
  public static void stop(@Nullable ScheduledExecutorService poller, @Nullable ExecutorService workers,
      Runnable release, Logger log, String what) {
    if (poller != null) {
      poller.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        release.run();
      } catch (RuntimeException e) {
        log.warn("cannot give back {}: {}", what, e.toString());
      }
    }
  }

  /**
   * Hands claimed work to free workers: for each candidate not already running here, {@code claim}
   * it (false: another process has it) and run {@code work} on {@code workers}; {@code running}
   * holds the ids in hand until {@code work} returns ({@code work} must remove them). A candidate
   * the executor refuses (stopping) is given back with {@code giveBack}.
   */
  public static void dispatch(ExecutorService workers, Set<Long> running, List<Long> candidates,
      LongPredicate claim, LongConsumer work, LongConsumer giveBack) {
    for (long id : candidates) {
      if (!running.add(id)) {
        continue;
      }
      if (!claim.test(id)) {
        running.remove(id);
        continue;
      }
      try {
        workers.execute(() -> work.accept(id));
      } catch (RejectedExecutionException e) {
        running.remove(id);
        giveBack.accept(id);
      }
    }
  }
}
