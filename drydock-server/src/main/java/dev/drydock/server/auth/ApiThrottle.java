package dev.drydock.server.auth;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.ErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-AccessKey request throttling: a token bucket per key (Bucket4j) refilled at
 * {@code drydock.throttle.per-key} requests per second, holding at most {@code drydock.throttle.burst}
 * (default: one second's worth, at least 1). A call finding its bucket empty is refused with
 * {@code Throttling.User} before it does anything. Off when the rate is 0 (the default). Each
 * server process counts on its own.
 */
@Component
public class ApiThrottle {

  private final double perSecond;
  private final long burst;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Autowired
  public ApiThrottle(@Value("${drydock.throttle.per-key:0}") double perSecond,
      @Value("${drydock.throttle.burst:0}") long burst) {
    this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
  }

  /** With a given time source (tests advance it by hand). */
  public ApiThrottle(double perSecond, long burst, TimeMeter time) {
    if (perSecond < 0 || burst < 0) {
      throw new IllegalArgumentException("drydock.throttle.per-key and drydock.throttle.burst must not be negative");
    }
    this.perSecond = perSecond;
    this.burst = burst > 0 ? burst : Math.max(1, (long) Math.ceil(perSecond));
    this.time = time;
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /** Takes one request from the key's bucket, or throws {@code Throttling.User}. */
  public void check(String accessKeyId) {
    if (!enabled()) {
      return;
    }
    if (!buckets.computeIfAbsent(accessKeyId, k -> newBucket()).tryConsume(1)) {
      throw new ApiException(ErrorCode.THROTTLING);
    }
  }

  private Bucket newBucket() {
    long nanosPerToken = Math.max(1, Math.round(1e9 / perSecond));
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, Duration.ofNanos(nanosPerToken))
            .initialTokens(burst).build())
        .withCustomTimePrecision(time)
        .build();
  }
}
