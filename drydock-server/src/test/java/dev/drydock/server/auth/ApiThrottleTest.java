package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.server.api.ApiException;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

/** The per-key token bucket, on a clock the test moves by hand. */
class ApiThrottleTest {

  static final class ManualTime implements TimeMeter {
    long nanos;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advanceMillis(long ms) {
      nanos += ms * 1_000_000;
    }
  }

  static void refused(ApiThrottle t, String key) {
    assertThatThrownBy(() -> t.check(key)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.code().code()).isEqualTo("Throttling.User");
      assertThat(e.code().status()).isEqualTo(400);
    });
  }

  @Test
  void burstThenRate() {
    ManualTime time = new ManualTime();
    ApiThrottle t = new ApiThrottle(2, 3, time);
    t.check("A");
    t.check("A");
    t.check("A");
    refused(t, "A");
    time.advanceMillis(499);
    refused(t, "A");
    time.advanceMillis(1);
    t.check("A");
    refused(t, "A");
    time.advanceMillis(10_000);
    for (int i = 0; i < 3; i++) {
      t.check("A");
    }
    refused(t, "A");
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    ManualTime time = new ManualTime();
    ApiThrottle t = new ApiThrottle(1, 1, time);
    t.check("A");
    refused(t, "A");
    t.check("B");
    refused(t, "B");
  }

  @Test
  void defaultBurstIsOneSecondOfRequests() {
    ManualTime time = new ManualTime();
    ApiThrottle t = new ApiThrottle(5, 0, time);
    for (int i = 0; i < 5; i++) {
      t.check("A");
    }
    refused(t, "A");
  }

  @Test
  void fractionalRates() {
    ManualTime time = new ManualTime();
    ApiThrottle t = new ApiThrottle(0.5, 1, time);
    t.check("A");
    time.advanceMillis(1_999);
    refused(t, "A");
    time.advanceMillis(1);
    t.check("A");
  }

  @Test
  void offByDefault() {
    ApiThrottle t = new ApiThrottle(0, 0, new ManualTime());
    assertThat(t.enabled()).isFalse();
    for (int i = 0; i < 10_000; i++) {
      t.check("A");
    }
  }
}
