package dev.drydock.server.task;

import static dev.drydock.server.task.Sql.truncate;
import static dev.drydock.server.task.Sql.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which server process scans which job, coordinated through the {@code scan_job} rows so that
 * processes sharing one database split the jobs and never run one twice at once (the scheme of
 * {@link dev.drydock.server.inventory.SyncClaims}).
 *
 * <p>A process <em>claims</em> a leader job with one conditional UPDATE that succeeds only while no
 * unexpired lease is held: the row lock the UPDATE takes makes exactly one of two racing claims
 * see its row changed, on PostgreSQL (which re-checks the condition after the lock) and on H2. The
 * holder renews its leases while it works; a process that dies lets them run out, and any process
 * may then claim the job again and resume it at its recorded step. Every write of a holder is
 * conditional on {@code owner} still being its own. Each claim counts as an attempt.
 */
@Component
public class JobClaims {

  private final JdbcClient jdbc;

  public JobClaims(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Leader jobs that may be claimed now, oldest task first. A job whose digest another job is
   * scanning right now (in another task) waits, so the result of that scan can be shared.
   */
  public List<Long> claimable(Instant now, int limit) {
    return jdbc.sql("""
            SELECT j.id FROM scan_job j
            WHERE j.state IN ('INIT', 'START') AND j.leader_id IS NULL AND j.next_attempt_at <= :now
              AND (j.lease_until IS NULL OR j.lease_until < :now)
              AND NOT EXISTS (SELECT 1 FROM scan_job o WHERE o.digest = j.digest AND o.id <> j.id
                AND o.state = 'START' AND o.lease_until >= :now)
            ORDER BY j.task_pk, j.id LIMIT :limit""")
        .param("now", utc(now)).param("limit", limit).query(Long.class).list();
  }

  /** Takes the job for {@code owner} until {@code leaseUntil}; false when another holder has it. */
  public boolean claim(long jobPk, String owner, Instant now, Instant leaseUntil) {
    int n = jdbc.sql("""
            UPDATE scan_job SET owner = :owner, lease_until = :until, state = 'START', attempts = attempts + 1,
              start_time = COALESCE(start_time, :ms)
            WHERE id = :id AND state IN ('INIT', 'START') AND leader_id IS NULL
              AND (lease_until IS NULL OR lease_until < :now)""")
        .param("owner", owner).param("until", utc(leaseUntil)).param("ms", now.toEpochMilli())
        .param("id", jobPk).param("now", utc(now)).update();
    if (n == 1) {
      jdbc.sql("""
              UPDATE scan_task SET status = 'PRE_ANALYZER', exec_time = COALESCE(exec_time, :ms), modified_at = :now
              WHERE id = (SELECT task_pk FROM scan_job WHERE id = :id) AND status = 'INIT'""")
          .param("ms", now.toEpochMilli()).param("now", utc(now)).param("id", jobPk).update();
    }
    return n == 1;
  }

  /** The job as its holder sees it, if {@code owner} still holds it. */
  public Optional<JobRow> held(long jobPk, String owner) {
    return jdbc.sql("SELECT " + TaskStore.JOB_COLUMNS + " FROM scan_job j JOIN scan_task t ON t.id = j.task_pk"
            + " WHERE j.id = :id AND j.owner = :owner AND j.state = 'START'")
        .param("id", jobPk).param("owner", owner).query(TaskStore::job).optional();
  }

  /** The collect time of the job's task (epoch ms). */
  public long collectTime(long taskPk) {
    return jdbc.sql("SELECT collect_time FROM scan_task WHERE id = :t").param("t", taskPk).query(Long.class).single();
  }

  /**
   * Extends the leases of the jobs {@code owner} is working on ({@code jobs}); returns how many.
   * Only those: a job this process still holds but no longer works on (its worker could not give
   * it back) must see its lease run out, so that some process resumes it.
   */
  public int renew(String owner, java.util.Collection<Long> jobs, Instant leaseUntil) {
    if (jobs.isEmpty()) {
      return 0;
    }
    return jdbc.sql("UPDATE scan_job SET lease_until = :until WHERE owner = :owner AND state = 'START' AND id IN (:ids)")
        .param("until", utc(leaseUntil)).param("owner", owner).param("ids", List.copyOf(jobs)).update();
  }

  /** Records that the job reached {@code step}; false when {@code owner} no longer holds it. */
  public boolean advance(long jobPk, String owner, String step, String costTimeInfo) {
    return jdbc.sql("""
            UPDATE scan_job SET step = :step, cost_time_info = :cost
            WHERE id = :id AND owner = :owner AND state = 'START'""")
        .param("step", step).param("cost", costTimeInfo).param("id", jobPk).param("owner", owner).update() == 1;
  }

  /**
   * Gives the job back after a transient failure (or a stop): it may be claimed again from
   * {@code notBefore}; the error is kept as the last transient one, not as a result.
   */
  public boolean release(long jobPk, String owner, @Nullable String error, Instant notBefore) {
    return jdbc.sql("""
            UPDATE scan_job SET owner = NULL, lease_until = NULL, next_attempt_at = :next,
              error = COALESCE(:error, error)
            WHERE id = :id AND owner = :owner AND state = 'START'""")
        .param("next", utc(notBefore)).param("error", error == null ? null : truncate(error, 2000))
        .param("id", jobPk).param("owner", owner).update() == 1;
  }

  /** Gives back every job {@code owner} holds (the process is stopping), claimable at once. */
  public int releaseAll(String owner, Instant now) {
    return jdbc.sql("""
            UPDATE scan_job SET owner = NULL, lease_until = NULL, next_attempt_at = :now, attempts = attempts - 1
            WHERE owner = :owner AND state = 'START'""")
        .param("now", utc(now)).param("owner", owner).update();
  }

  /**
   * Ends a leader job and every job sharing its scan, then the task when no job of it is left. Run
   * inside a transaction: the task row is locked first, so the last two jobs of a task ending at
   * once cannot both miss that the task is complete. Returns false (writing nothing) when
   * {@code owner} no longer holds the job.
   */
  public boolean finish(JobRow job, String owner, boolean success, String result, @Nullable String error,
      String costTimeInfo, Instant now) {
    jdbc.sql("SELECT id FROM scan_task WHERE id = :t FOR UPDATE").param("t", job.taskPk()).query(Long.class).single();
    String state = success ? JobRow.SUCCESS : JobRow.FAIL;
    String reason = error == null ? null : truncate(error, 2000);
    int n = jdbc.sql("""
            UPDATE scan_job SET state = :state, step = 'DONE', result = :result, error = :error, end_time = :end,
              owner = NULL, lease_until = NULL, cost_time_info = :cost
            WHERE id = :id AND owner = :owner AND state = 'START'""")
        .param("state", state).param("result", result).param("error", reason).param("end", now.toEpochMilli())
        .param("cost", costTimeInfo).param("id", job.pk()).param("owner", owner).update();
    if (n != 1) {
      return false;
    }
    jdbc.sql("""
            UPDATE scan_job SET state = :state, step = 'DONE', result = :result, error = :error,
              start_time = COALESCE(start_time, :start), end_time = :end, cost_time_info = :cost
            WHERE leader_id = :id AND state NOT IN ('SUCCESS', 'FAIL')""")
        .param("state", state).param("result", result).param("error", reason).param("start", job.startTime())
        .param("end", now.toEpochMilli()).param("cost", costTimeInfo).param("id", job.pk()).update();
    completeTask(job.taskPk(), now);
    return true;
  }

  /** Marks the task SUCCESS or FAIL if every job of it has ended (FAIL when any job failed). */
  public void completeTask(long taskPk, Instant now) {
    jdbc.sql("""
            UPDATE scan_task SET
              status = CASE WHEN EXISTS (SELECT 1 FROM scan_job f WHERE f.task_pk = :t AND f.state = 'FAIL')
                THEN 'FAIL' ELSE 'SUCCESS' END,
              finish_time = :ms, modified_at = :now
            WHERE id = :t AND status IN ('INIT', 'PRE_ANALYZER')
              AND NOT EXISTS (SELECT 1 FROM scan_job o WHERE o.task_pk = :t AND o.state NOT IN ('SUCCESS', 'FAIL'))""")
        .param("t", taskPk).param("ms", now.toEpochMilli()).param("now", utc(now)).update();
  }

  /** Unfinished tasks whose jobs have all ended (a safety net; normally {@link #finish} completes them). */
  public List<Long> completable() {
    return jdbc.sql("""
            SELECT t.id FROM scan_task t WHERE t.status IN ('INIT', 'PRE_ANALYZER')
              AND NOT EXISTS (SELECT 1 FROM scan_job o WHERE o.task_pk = t.id AND o.state NOT IN ('SUCCESS', 'FAIL'))""")
        .query(Long.class).list();
  }
}
