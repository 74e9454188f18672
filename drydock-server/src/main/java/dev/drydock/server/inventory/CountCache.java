package dev.drydock.server.inventory;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Remembers the large counts of inventory listings (TotalCount) for a moment, because counting a
 * million images costs tens of milliseconds and the same listing is asked for again and again
 * (each page of it, by each client).
 *
 * <p>Rules: a count below {@code drydock.api.count-cache.min-rows} (default 10,000) is never
 * remembered — small counts are cheap and always exact. A larger one is served for
 * {@code drydock.api.count-cache.ttl} (default 2 s); after that, one caller recounts while the
 * others are still served the previous count, so a listing's TotalCount may lag the inventory by
 * about the TTL plus one count. Changes this process makes to the inventory ({@link #invalidate},
 * called by {@link InventoryWriter}) drop every remembered count at once; changes by other server
 * processes sharing the database show after the TTL. The rows of a page are always read fresh.
 *
 * <p>Thread-safe.
 */
@Component
public final class CountCache {

  static final int MAX_ENTRIES = 4096;

  private final long ttlNanos;
  private final long minRows;
  private final AtomicLong generation = new AtomicLong();
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(long count, long expiresAt, long generation, AtomicBoolean refreshing) {}

  @Autowired
  public CountCache(Environment env) {
    this(env.getProperty("drydock.api.count-cache.ttl", Duration.class, Duration.ofSeconds(2)),
        env.getProperty("drydock.api.count-cache.min-rows", Long.class, 10_000L));
  }

  CountCache(Duration ttl, long minRows) {
    this.ttlNanos = ttl.toNanos();
    this.minRows = minRows;
  }

  /** The count for {@code key}: remembered, or computed (and remembered when large). */
  public long count(String key, LongSupplier compute) {
    long gen = generation.get();
    Entry e = entries.get(key);
    if (e != null && e.generation() == gen) {
      if (System.nanoTime() - e.expiresAt() < 0 || !e.refreshing().compareAndSet(false, true)) {
        return e.count(); // fresh, or another caller is recounting: serve the previous count
      }
    }
    long n;
    try {
      n = compute.getAsLong();
    } catch (RuntimeException ex) {
      if (e != null) {
        e.refreshing().set(false);
      }
      throw ex;
    }
    if (n >= minRows) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(n, System.nanoTime() + ttlNanos, gen, new AtomicBoolean()));
    } else if (e != null) {
      entries.remove(key, e);
    }
    return n;
  }

  /** The count remembered for {@code key} (of this inventory generation), even if its time is up. */
  public java.util.OptionalLong peek(String key) {
    Entry e = entries.get(key);
    return e != null && e.generation() == generation.get() ? java.util.OptionalLong.of(e.count())
        : java.util.OptionalLong.empty();
  }

  /** Remembers a count computed elsewhere (by a query that counted as it selected), if large. */
  public void remember(String key, long count) {
    if (count >= minRows) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(count, System.nanoTime() + ttlNanos, generation.get(), new AtomicBoolean()));
    }
  }

  /** Forgets every remembered count (the inventory changed). */
  public void invalidate() {
    generation.incrementAndGet();
    entries.clear();
  }
}
