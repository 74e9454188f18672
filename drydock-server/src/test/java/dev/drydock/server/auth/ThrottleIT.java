package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throttling reaches the wire as {@code Throttling.User}: a server allowing a burst of 2 calls
 * per key, refilled at one call per 1000 seconds (so nothing refills during the test).
 */
class ThrottleIT {

  @Test
  void thirdCallOfABurstOfTwoIsThrottled() throws Exception {
    System.setProperty("drydock.throttle.per-key", "0.001");
    System.setProperty("drydock.throttle.burst", "2");
    TestServer server;
    try {
      server = TestServer.start();
    } finally {
      System.clearProperty("drydock.throttle.per-key");
      System.clearProperty("drydock.throttle.burst");
    }
    try (server) {
      SasClient c = server.adminClients().get(0);
      c.call("DescribeImageStatistics", Map.of());
      c.call("DescribeImageStatistics", Map.of());
      try {
        c.call("DescribeImageStatistics", Map.of());
        throw new AssertionError("not throttled");
      } catch (SasClient.ApiError e) {
        assertThat(e.code()).isEqualTo("Throttling.User");
      }
      // Another key has its own bucket.
      var other = server.bean(AccessKeyStore.class).create(server.admin().key().userId(), java.util.Optional.empty(),
          java.util.Optional.empty());
      server.clients(other.key().id(), other.secret()).get(0).call("DescribeImageStatistics", Map.of());
    }
  }
}
