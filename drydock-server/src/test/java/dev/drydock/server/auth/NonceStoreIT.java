package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nonce store's group commit on the real database (H2 and PostgreSQL): claims made at once by
 * many threads are written together, yet each nonce is granted exactly once, and every granted
 * claim is in the table when its caller gets the answer.
 */
class NonceStoreIT {

  static TestServer server;
  static NonceStore nonces;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    nonces = server.bean(NonceStore.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(task));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    }
  }

  @Test
  void aNonceClaimedByManyAtOnceIsGrantedOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      String nonce = UUID.randomUUID().toString();
      List<Boolean> granted = concurrently(32, () -> nonces.claim("LTAIsame", nonce, Instant.now()));
      assertThat(granted.stream().filter(g -> g).count()).as("round %d", round).isEqualTo(1);
    }
  }

  @Test
  void distinctNoncesAreAllGrantedAndStoredBeforeTheAnswer() throws Exception {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    List<Boolean> stored = concurrently(2000, () -> {
      String nonce = UUID.randomUUID().toString();
      boolean granted = nonces.claim("LTAImany", nonce, Instant.now());
      return granted && jdbc.sql("SELECT COUNT(*) FROM used_nonce WHERE access_key_id = 'LTAImany' AND nonce = :n")
          .param("n", nonce).query(Long.class).single() == 1;
    });
    assertThat(stored).hasSize(2000).containsOnly(true);
  }

  @Test
  void theSameNonceUnderAnotherKeyIsAnotherClaim() {
    String nonce = UUID.randomUUID().toString();
    assertThat(nonces.claim("LTAIone", nonce, Instant.now())).isTrue();
    assertThat(nonces.claim("LTAItwo", nonce, Instant.now())).isTrue();
    assertThat(nonces.claim("LTAIone", nonce, Instant.now())).isFalse();
  }
}
