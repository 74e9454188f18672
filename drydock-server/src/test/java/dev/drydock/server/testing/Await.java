package dev.drydock.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a background thread of the server does. */
public final class Await {

  private Await() {}

  /** Polls every 100 ms for up to a minute; fails naming {@code what}. */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
