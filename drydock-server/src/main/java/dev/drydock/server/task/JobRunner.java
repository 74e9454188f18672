package dev.drydock.server.task;

import dev.drydock.image.ImageReference;
import dev.drydock.image.ImageSource;
import dev.drydock.index.IndexReport;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryImageSource;
import dev.drydock.report.ImageReport;
import dev.drydock.server.advisory.AdvisoryDatabases;
import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.inventory.RegistryEndpoints;
import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.inventory.RegistrySyncService;
import dev.drydock.server.inventory.RepoPaths;
import dev.drydock.server.results.ReportCodec;
import dev.drydock.server.results.ResultWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed job to its next resting point, saving its state after every step:
 * <ol>
 *   <li><b>INDEX</b>: pull the image by digest ({@link PullSources}: its registry with the registry's
 *       credentials, or for a running image no registry holds the host its reference names) and index
 *       it; in one transaction, store the inventory, layers and findings, log the scan and move the
 *       job to MATCH. Skipped when a scan of the digest since the task was created is stored
 *       already (another task scanned it).
 *   <li><b>MATCH</b>: match the stored inventory against the advisory database; in one transaction,
 *       store vulnerabilities and risk counts and end the job with its followers (and the task when it
 *       was the last).
 * </ol>
 * A process killed between the two resumes at MATCH without pulling again; one killed during a
 * step redoes only that step. A successful job whose report is incomplete keeps what could not be
 * analysed ({@link ReportGaps}) as its error, which its ResultInfo shows. Failures end only this job: transient ones (see {@link Failures}) put
 * it back with backoff until the attempts run out, permanent ones fail it with their reason.
 */
final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobClaims claims;
  private final TaskSettings settings;
  private final ScanEngine engine;
  private final AdvisoryDatabases advisories;
  private final ResultWriter results;
  private final PullSources pulls;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final String owner;

  JobRunner(JobClaims claims, TaskSettings settings, ScanEngine engine, AdvisoryDatabases advisories,
      ResultWriter results, RegistryStore registries, SecretCipher cipher, JdbcClient jdbc, TransactionTemplate tx,
      Clock clock, String owner) {
    this.claims = claims;
    this.settings = settings;
    this.engine = engine;
    this.advisories = advisories;
    this.results = results;
    this.pulls = new PullSources(registries, cipher, settings);
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.owner = owner;
  }

  /** Thrown when another process took the job over: this one stops without writing. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("scan job claim lost", null, false, false);
    }
  }

  void run(long jobPk) {
    Optional<JobRow> held = claims.held(jobPk, owner);
    if (held.isEmpty()) {
      return;
    }
    JobRow job = held.get();
    Map<String, Long> cost = costs(job);
    String password = null;
    try {
      if (job.attempts() > settings.maxAttempts()) {
        fail(job, "gave up after " + settings.maxAttempts() + " attempts"
            + (job.error() == null ? "" : "; last error: " + job.error()), cost);
        return;
      }
      if (job.step().equals(JobRow.STEP_INDEX)) {
        if (!freshReportExists(job)) {
          PullSources.Pull pull = pulls.resolve(job);
          password = pull.password();
          IndexReport index;
          try (ImageSource source = pull.open(settings)) {
            index = engine.index(source);
          }
          Instant done = clock.instant();
          cost.put("pull", done.toEpochMilli());
          cost.put("sensitiveFile", done.toEpochMilli());
          cost.put("baseline", done.toEpochMilli());
          cost.put("binary", done.toEpochMilli());
          String costJson = ReportCodec.write(cost);
          tx.executeWithoutResult(s -> {
            if (!claims.advance(job.pk(), owner, JobRow.STEP_MATCH, costJson)) {
              throw new LeaseLost();
            }
            results.writeIndex(job.digest(), index, engine.scanners(), done);
            jdbc.sql("INSERT INTO scan_log (digest, task_id, job_id, owner, scanned_at) VALUES (:d, :t, :j, :o, :now)")
                .param("d", job.digest()).param("t", job.taskId()).param("j", job.jobId()).param("o", owner)
                .param("now", Sql.utc(done)).update();
          });
        }
      }
      match(job, cost);
    } catch (LeaseLost e) {
      LOG.warn("scan job {} (task {}) taken over by another process; stopping", job.jobId(), job.taskId());
    } catch (Exception e) {
      String reason = Failures.describe(e, password);
      if (Failures.isTransient(e) && job.attempts() < settings.maxAttempts()) {
        Instant next = clock.instant().plus(settings.backoffAfter(job.attempts()));
        LOG.info("scan job {} ({}): transient failure, retrying after {}: {}", job.jobId(), job.imageName(), next,
            reason);
        claims.release(job.pk(), owner, reason, next);
      } else {
        fail(job, Failures.isTransient(e) ? "failed after " + job.attempts() + " attempts: " + reason : reason, cost);
      }
    }
  }

  private void match(JobRow job, Map<String, Long> cost) throws IOException {
    String indexJson = jdbc.sql("SELECT index_json FROM image_report WHERE digest = :d").param("d", job.digest())
        .query(String.class).optional()
        .orElseThrow(() -> new IllegalStateException("the stored inventory of " + job.digest() + " is missing"));
    IndexReport index = ReportCodec.index(indexJson);
    ImageReport report;
    String fingerprint;
    Optional<AdvisoryDatabases.Opened> opened = advisories.open();
    try {
      fingerprint = opened.map(AdvisoryDatabases.Opened::fingerprint).orElse(AdvisoryDatabases.NONE);
      report = engine.match(index, opened.map(AdvisoryDatabases.Opened::source).orElse(null));
    } finally {
      if (opened.isPresent()) {
        opened.get().close();
      }
    }
    Instant done = clock.instant();
    cost.put("vul", done.toEpochMilli());
    cost.put("scaVul", done.toEpochMilli());
    String costJson = ReportCodec.write(cost);
    String gaps = ReportGaps.of(report).orElse(null);
    Boolean finished = tx.execute(s -> {
      if (!claims.finish(job, owner, true, TaskRow.SUCCESS, gaps, costJson, done)) {
        throw new LeaseLost();
      }
      results.writeMatch(job.digest(), report, fingerprint, done);
      return true;
    });
    if (Boolean.TRUE.equals(finished)) {
      LOG.info("scanned {} ({}) for task {}: vul={} baselineNum={} newSuspicious={}{}", job.imageName(),
          job.digest(), job.taskId(), report.statistics().vul(), report.statistics().baselineNum(),
          report.statistics().newSuspicious(), report.complete() ? "" : " (incomplete)");
    }
  }

  private void fail(JobRow job, String reason, Map<String, Long> cost) {
    LOG.warn("scan job {} ({}) of task {} failed: {}", job.jobId(), job.imageName(), job.taskId(), reason);
    try {
      tx.executeWithoutResult(s -> claims.finish(job, owner, false, JobRow.RESULT_FAILED, reason,
          ReportCodec.write(cost), clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("scan job {}: cannot record the failure: {}", job.jobId(), e.toString());
    }
  }

  /** Whether a scan of the job's digest stored since its task was created can stand for this one. */
  private boolean freshReportExists(JobRow job) {
    long collect = claims.collectTime(job.taskPk());
    return jdbc.sql("SELECT scanned_at FROM image_report WHERE digest = :d").param("d", job.digest())
        .query(java.time.OffsetDateTime.class).optional()
        .map(t -> t.toInstant().toEpochMilli() >= collect).orElse(false);
  }

  private static Map<String, Long> costs(JobRow job) {
    return job.costTimeInfo() == null ? new LinkedHashMap<>() : ReportCodec.longs(job.costTimeInfo());
  }
}
