package dev.drydock.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The background writer on an in-memory H2 database holding the {@code audit_log} table of the
 * V6 migration: what is accepted is written, also past a full queue, and shutting down right
 * after a burst of calls loses nothing.
 */
class AuditTrailTest {

  JdbcTemplate jdbc;

  @BeforeEach
  void database() throws IOException {
    DriverManagerDataSource ds = new DriverManagerDataSource(
        "jdbc:h2:mem:audit" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    jdbc = new JdbcTemplate(ds);
    String v6;
    try (InputStream in = getClass().getResourceAsStream("/db/migration/common/V6__ram_policies_audit.sql")) {
      v6 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String ddl = v6.substring(v6.indexOf("CREATE TABLE audit_log"));
    for (String statement : ddl.split(";")) {
      String sql = statement.lines().map(l -> l.replaceAll("--.*", "")).reduce("", (a, b) -> a + "\n" + b).trim();
      if (!sql.isEmpty()) {
        jdbc.execute(sql);
      }
    }
  }

  static AuditRecord rec(int i) {
    return new AuditRecord(Instant.parse("2026-01-01T00:00:00Z").plusMillis(i), "R" + i, "LTAIkey", "1", "u",
        "2018-12-03", "DescribeImageStatistics", "{}", "127.0.0.1", false, "OK", 200, i);
  }

  long rows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log", Long.class);
  }

  @Test
  void writesWhatItAccepts() throws Exception {
    AuditTrail trail = new AuditTrail(jdbc);
    for (int i = 0; i < 100; i++) {
      trail.record(rec(i));
    }
    assertThat(trail.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(rows()).isEqualTo(100);
    assertThat(jdbc.queryForObject("SELECT latency_micros FROM audit_log WHERE request_id = 'R42'", Long.class))
        .isEqualTo(42);
    trail.destroy();
  }

  @Test
  void shutdownRightAfterABurstLosesNothing() throws Exception {
    AuditTrail trail = new AuditTrail(jdbc);
    int n = 12_000; // more than the queue holds: some are written by the callers themselves
    for (int i = 0; i < n; i++) {
      trail.record(rec(i));
    }
    trail.destroy();
    assertThat(rows()).isEqualTo(n);
  }

  @Test
  void overlongValuesAreCutToTheirColumns() throws Exception {
    AuditTrail trail = new AuditTrail(jdbc);
    trail.record(new AuditRecord(Instant.now(), "R", "K".repeat(500), null, null, "v".repeat(50), "A".repeat(1000),
        null, "127.0.0.1", false, "C".repeat(300), 404, 1));
    assertThat(trail.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(jdbc.queryForObject("SELECT LENGTH(action) FROM audit_log", Integer.class)).isEqualTo(128);
    trail.destroy();
  }
}
