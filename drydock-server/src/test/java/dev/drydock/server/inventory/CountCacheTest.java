package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The count cache's rules: small counts never kept, large ones for the TTL, dropped on a change. */
class CountCacheTest {

  @Test
  void smallCountsAreAlwaysRecounted() {
    CountCache cache = new CountCache(Duration.ofHours(1), 100);
    AtomicInteger calls = new AtomicInteger();
    assertThat(cache.count("k", () -> 99 + 0 * calls.incrementAndGet())).isEqualTo(99);
    assertThat(cache.count("k", () -> 98 + 0 * calls.incrementAndGet())).isEqualTo(98);
    assertThat(calls).hasValue(2);
    assertThat(cache.peek("k")).isEmpty();
  }

  @Test
  void largeCountsAreKeptUntilTheInventoryChanges() {
    CountCache cache = new CountCache(Duration.ofHours(1), 100);
    assertThat(cache.count("k", () -> 500)).isEqualTo(500);
    assertThat(cache.count("k", () -> 600)).isEqualTo(500);
    assertThat(cache.count("other", () -> 700)).isEqualTo(700);
    cache.invalidate();
    assertThat(cache.peek("k")).isEmpty();
    assertThat(cache.count("k", () -> 600)).isEqualTo(600);
  }

  @Test
  void anExpiredCountIsRecountedByOneCallerWhileOthersGetThePreviousOne() {
    CountCache cache = new CountCache(Duration.ZERO, 100);
    cache.count("k", () -> 500);
    assertThat(cache.peek("k")).hasValue(500);
    // The first caller after expiry recounts; inside its recount, another caller is served the old count.
    long seenInside = cache.count("k", () -> (int) cache.count("k", () -> -1) + 100);
    assertThat(seenInside).isEqualTo(600);
    assertThat(cache.peek("k")).hasValue(600);
  }

  @Test
  void rememberedCountsFollowTheSameRules() {
    CountCache cache = new CountCache(Duration.ofHours(1), 100);
    cache.remember("small", 50);
    cache.remember("large", 5000);
    assertThat(cache.peek("small")).isEmpty();
    assertThat(cache.peek("large")).hasValue(5000);
  }
}
