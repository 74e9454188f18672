package dev.drydock.server.auth;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers signature nonces per AccessKey for the timestamp window, in the database, so a
 * replay is refused by every server process sharing it. A nonce is claimed by inserting it under
 * a primary key; a second insert fails.
 */
@Component
public class NonceStore {

  /** Nonces are kept a little longer than the 15-minute timestamp window on either side. */
  static final Duration RETENTION = Duration.ofMinutes(31);

  private final JdbcClient jdbc;

  public NonceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims a nonce; false when it was already used. */
  public boolean claim(String accessKeyId, String nonce) {
    try {
      jdbc.sql("INSERT INTO used_nonce (access_key_id, nonce, expires_at) VALUES (:k, :n, :e)")
          .param("k", accessKeyId).param("n", nonce)
          .param("e", OffsetDateTime.now(ZoneOffset.UTC).plus(RETENTION))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Scheduled(fixedDelay = 60_000)
  public void expire() {
    jdbc.sql("DELETE FROM used_nonce WHERE expires_at < :now").param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
  }
}
