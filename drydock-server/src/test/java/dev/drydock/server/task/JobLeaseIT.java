package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lease renewal renews only the jobs a worker is on: a job its process still holds but no worker
 * works on (its worker could not give it back, e.g. the database failed just then) must not be
 * kept for ever by the renewals of the jobs beside it — its lease runs out and it is resumed. The
 * workers are off; the claims are made by hand.
 */
class JobLeaseIT {

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("drydock.background.enabled", "false");
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    System.clearProperty("drydock.background.enabled");
    if (server != null) {
      server.close();
    }
  }

  @Test
  void renewalKeepsOnlyTheJobsBeingWorkedOn() throws Exception {
    String image = "{\"regionId\":\"cn-hangzhou\",\"repoNamespace\":\"lease\",\"repoName\":\"%s\","
        + "\"digest\":\"%s\",\"tag\":\"1\"}";
    String images = "[" + image.formatted("a", "a1".repeat(32)) + "," + image.formatted("b", "b2".repeat(32)) + "]";
    server.adminClients().get(3).call("PublicSyncAndCreateImageScanTask", Map.of("Images", images));
    JobClaims claims = server.bean(JobClaims.class);
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the database keeps it
    List<Long> jobs = claims.claimable(now, 10);
    assertThat(jobs).hasSize(2);
    Instant soon = now.plus(Duration.ofMinutes(1));
    for (long id : jobs) {
      assertThat(claims.claim(id, "process-a", now, soon)).isTrue();
    }
    Instant later = now.plus(Duration.ofMinutes(10));
    assertThat(claims.renew("process-a", List.of(jobs.get(0)), later)).isEqualTo(1);
    assertThat(claims.renew("process-a", List.of(), later)).isZero();
    assertThat(leaseUntil(jobs.get(0))).isAfter(soon);
    assertThat(leaseUntil(jobs.get(1))).as("held, but no worker on it").isBeforeOrEqualTo(soon);
    assertThat(claims.claimable(now.plus(Duration.ofMinutes(2)), 10)).as("resumable once its lease ran out")
        .containsExactly(jobs.get(1));
  }

  static Instant leaseUntil(long job) {
    return server.bean(JdbcClient.class).sql("SELECT lease_until FROM scan_job WHERE id = :id").param("id", job)
        .query(OffsetDateTime.class).single().toInstant();
  }
}
