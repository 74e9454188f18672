package dev.drydock.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A response body whose reads fail when one waits longer than {@code idle} for data (time spent
 * by a slow reader between reads does not count). {@code java.net.http}'s
 * request timeout only covers the wait for the response headers; a registry (or a proxy) that
 * stalls in the middle of a blob would otherwise leave the read blocked for ever. A watchdog
 * closes the underlying stream, which wakes the blocked read; the read then throws
 * {@link HttpTimeoutException} naming what stalled instead of returning a short body.
 */
final class StallGuard extends FilterInputStream {

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "drydock-stall-watchdog");
    t.setDaemon(true);
    return t;
  });

  private final long idleNanos;
  private final String what;
  private final ScheduledFuture<?> check;
  /** When the pending read started, or 0 when none is pending: a slow reader is no stall. */
  private volatile long waitingSince;
  private volatile boolean stalled;

  StallGuard(InputStream in, Duration idle, String what) {
    super(in);
    this.idleNanos = idle.toNanos();
    this.what = what;
    long period = Math.max(10, Math.min(1000, idle.toMillis() / 4));
    this.check = WATCHDOG.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
  }

  private void checkIdle() {
    long since = waitingSince;
    if (since != 0 && System.nanoTime() - since > idleNanos) {
      stalled = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException ignored) {
        // the reader gets the timeout either way
      }
    }
  }

  private int progress(int n) throws IOException {
    waitingSince = 0;
    if (stalled) {
      throw timeout(null);
    }
    return n;
  }

  /** The blocked read, woken by the watchdog's close, fails with "closed" or returns a short body. */
  private HttpTimeoutException timeout(@Nullable IOException cause) {
    long ms = Duration.ofNanos(idleNanos).toMillis();
    HttpTimeoutException e = new HttpTimeoutException("no data for " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms")
        + " while reading " + what);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  @Override
  public int read() throws IOException {
    waitingSince = System.nanoTime();
    try {
      return progress(super.read());
    } catch (IOException e) {
      waitingSince = 0;
      throw stalled && !(e instanceof HttpTimeoutException) ? timeout(e) : e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    waitingSince = System.nanoTime();
    try {
      return progress(super.read(b, off, len));
    } catch (IOException e) {
      waitingSince = 0;
      throw stalled && !(e instanceof HttpTimeoutException) ? timeout(e) : e;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    waitingSince = System.nanoTime();
    try {
      long s = super.skip(n);
      progress(0);
      return s;
    } catch (IOException e) {
      waitingSince = 0;
      throw stalled && !(e instanceof HttpTimeoutException) ? timeout(e) : e;
    }
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
