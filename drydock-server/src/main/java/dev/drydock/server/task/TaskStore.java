package dev.drydock.server.task;

import static dev.drydock.server.task.Sql.instant;
import static dev.drydock.server.task.Sql.longOrNull;
import static dev.drydock.server.task.Sql.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code scan_task} and {@code scan_job} tables: tasks as created and read by the API.
 * Claims and the progress of jobs live in {@link JobClaims}.
 */
@Component
public class TaskStore {

  static final String TASK_COLUMNS = """
      t.id, t.task_id, t.source, t.status, t.result, t.total_count, t.collect_time, t.exec_time, t.finish_time,
      t.created_at, t.modified_at,
      (SELECT COUNT(*) FROM scan_job c WHERE c.task_pk = t.id AND c.state IN ('SUCCESS', 'FAIL')) AS finish_count""";

  static final String JOB_COLUMNS = """
      j.id, j.job_id, j.task_pk, t.task_id, j.leader_id, j.image_uuid, j.registry_id, j.registry_type, j.region_id,
      j.instance_id, j.repo_id, j.repo_namespace, j.repo_name, j.tag, j.digest, j.image_host, j.cluster_id, j.cluster_name,
      j.app_name, j.pod, j.node_instance_id, j.node_ip, j.node_name, j.state, j.step, j.result, j.attempts, j.error,
      j.start_time, j.end_time, j.cost_time_info""";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate named;

  public TaskStore(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
    this.jdbc = jdbc;
    this.named = named;
  }

  /** A task to insert. */
  public record NewTask(String taskId, String source, String status, String result, int totalCount,
      String filtersJson, @Nullable String sourceIp, @Nullable String createdBy, long collectTime,
      @Nullable Long finishTime) {}

  /** A job to insert: an image, whether it can be scanned, and if not why. */
  /** A job to insert; {@code cluster}: where its digest runs now (TaskImageInfo). */
  public record NewJob(String jobId, SelectedImage image, JobRow.ClusterInfo cluster, boolean scannable,
      @Nullable String error) {}

  /** Inserts the task and its jobs; followers (second and later jobs of a digest) get their leader. */
  public long insert(NewTask t, List<NewJob> jobs, Instant now) {
    jdbc.sql("""
            INSERT INTO scan_task (task_id, source, status, result, total_count, filters, source_ip, created_by,
              collect_time, finish_time, created_at, modified_at)
            VALUES (:taskId, :source, :status, :result, :total, :filters, :ip, :by, :collect, :finish, :now, :now)""")
        .param("taskId", t.taskId()).param("source", t.source()).param("status", t.status())
        .param("result", t.result()).param("total", t.totalCount()).param("filters", t.filtersJson())
        .param("ip", t.sourceIp()).param("by", t.createdBy()).param("collect", t.collectTime())
        .param("finish", t.finishTime()).param("now", utc(now))
        .update();
    long pk = jdbc.sql("SELECT id FROM scan_task WHERE task_id = :t").param("t", t.taskId()).query(Long.class).single();
    List<MapSqlParameterSource> rows = new ArrayList<>();
    for (NewJob j : jobs) {
      SelectedImage i = j.image();
      rows.add(new MapSqlParameterSource().addValue("jobId", j.jobId()).addValue("task", pk)
          .addValue("uuid", i.uuid()).addValue("registry", i.registryId()).addValue("rtype", i.registryType())
          .addValue("region", i.regionId()).addValue("instance", i.instanceId()).addValue("repoId", i.repoId())
          .addValue("ns", i.repoNamespace()).addValue("name", i.repoName()).addValue("tag", i.tag())
          .addValue("digest", i.digest()).addValue("host", i.imageHost())
          .addValue("cluster", j.cluster().clusterId()).addValue("clusterName", j.cluster().clusterName())
          .addValue("app", j.cluster().appName()).addValue("pod", j.cluster().pod())
          .addValue("nodeInstance", j.cluster().nodeInstanceId()).addValue("nodeIp", j.cluster().nodeIp())
          .addValue("node", j.cluster().nodeName())
          .addValue("state", j.scannable() ? JobRow.INIT : JobRow.FAIL)
          .addValue("step", j.scannable() ? JobRow.STEP_INDEX : JobRow.STEP_DONE)
          .addValue("result", j.scannable() ? null : TaskRow.NOT_SUPPORT_REGION)
          .addValue("error", j.error()).addValue("end", j.scannable() ? null : now.toEpochMilli())
          .addValue("now", utc(now)));
    }
    named.batchUpdate("""
        INSERT INTO scan_job (job_id, task_pk, image_uuid, registry_id, registry_type, region_id, instance_id, repo_id,
          repo_namespace, repo_name, tag, digest, image_host, cluster_id, cluster_name, app_name, pod, node_instance_id,
          node_ip, node_name, state, step, result, error, end_time, next_attempt_at)
        VALUES (:jobId, :task, :uuid, :registry, :rtype, :region, :instance, :repoId, :ns, :name, :tag, :digest, :host,
          :cluster, :clusterName, :app, :pod, :nodeInstance, :nodeIp, :node, :state, :step, :result, :error, :end, :now)""", rows.toArray(MapSqlParameterSource[]::new));
    jdbc.sql("""
            UPDATE scan_job SET leader_id = (SELECT MIN(l.id) FROM scan_job l
                WHERE l.task_pk = scan_job.task_pk AND l.digest = scan_job.digest AND l.state = 'INIT')
            WHERE task_pk = :t AND state = 'INIT' AND id <> (SELECT MIN(l.id) FROM scan_job l
                WHERE l.task_pk = scan_job.task_pk AND l.digest = scan_job.digest AND l.state = 'INIT')""")
        .param("t", pk).update();
    return pk;
  }

  public long countUnfinished() {
    return jdbc.sql("SELECT COUNT(*) FROM scan_task WHERE status IN ('INIT', 'PRE_ANALYZER')").query(Long.class)
        .single();
  }

  public Optional<TaskRow> find(String taskId) {
    return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM scan_task t WHERE t.task_id = :t").param("t", taskId)
        .query(TaskStore::task).optional();
  }

  public Optional<TaskRow> find(long pk) {
    return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM scan_task t WHERE t.id = :t").param("t", pk)
        .query(TaskStore::task).optional();
  }

  /** Unfinished tasks, oldest first; with {@code imageUuid}, only those covering that image. */
  public List<TaskRow> unfinished(@Nullable String imageUuid) {
    return jdbc.sql("SELECT " + TASK_COLUMNS + " FROM scan_task t WHERE t.status IN ('INIT', 'PRE_ANALYZER')"
            + (imageUuid == null ? "" : " AND EXISTS (SELECT 1 FROM scan_job u WHERE u.task_pk = t.id AND u.image_uuid = :u)")
            + " ORDER BY t.id")
        .params(imageUuid == null ? Map.of() : Map.of("u", imageUuid))
        .query(TaskStore::task).list();
  }

  /** The most recent job scanning {@code digest}, with its task. */
  public Optional<JobRow> latestJob(String digest) {
    return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM scan_job j JOIN scan_task t ON t.id = j.task_pk"
            + " WHERE j.digest = :d ORDER BY j.task_pk DESC, j.id LIMIT 1")
        .param("d", digest).query(TaskStore::job).optional();
  }

  /** The job of a task for one image, if the task covers it. */
  public Optional<JobRow> job(long taskPk, String imageUuid) {
    return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM scan_job j JOIN scan_task t ON t.id = j.task_pk"
            + " WHERE j.task_pk = :t AND j.image_uuid = :u ORDER BY j.id LIMIT 1")
        .param("t", taskPk).param("u", imageUuid).query(TaskStore::job).optional();
  }

  /** DescribeOnceTaskLeafRecordPage's filters over jobs. */
  public record JobQuery(@Nullable String taskId, @Nullable String source, @Nullable Long startTime,
      @Nullable Long endTime, List<String> states) {}

  public long countJobs(JobQuery q) {
    Map<String, Object> p = new LinkedHashMap<>();
    return jdbc.sql("SELECT COUNT(*) FROM scan_job j JOIN scan_task t ON t.id = j.task_pk" + where(q, p)).params(p)
        .query(Long.class).single();
  }

  /** One page (1-based) of jobs, newest task first, then in image order. */
  public List<JobRow> jobs(JobQuery q, int page, int pageSize) {
    Map<String, Object> p = new LinkedHashMap<>();
    String where = where(q, p);
    p.put("limit", pageSize);
    p.put("offset", (long) (page - 1) * pageSize);
    return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM scan_job j JOIN scan_task t ON t.id = j.task_pk" + where
            + " ORDER BY j.task_pk DESC, j.id LIMIT :limit OFFSET :offset")
        .params(p).query(TaskStore::job).list();
  }

  private static String where(JobQuery q, Map<String, Object> p) {
    List<String> c = new ArrayList<>();
    if (q.taskId() != null) {
      c.add("t.task_id = :taskId");
      p.put("taskId", q.taskId());
    }
    if (q.source() != null) {
      c.add("t.source = :source");
      p.put("source", q.source());
    }
    if (q.startTime() != null) {
      c.add("t.collect_time >= :start");
      p.put("start", q.startTime());
    }
    if (q.endTime() != null) {
      c.add("t.collect_time <= :end");
      p.put("end", q.endTime());
    }
    if (!q.states().isEmpty()) {
      c.add("j.state IN (:states)");
      p.put("states", q.states());
    }
    return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
  }

  static TaskRow task(ResultSet rs, int n) throws SQLException {
    Instant created = instant(rs, "created_at");
    Instant modified = instant(rs, "modified_at");
    return new TaskRow(rs.getLong("id"), rs.getString("task_id"), rs.getString("source"), rs.getString("status"),
        rs.getString("result"), rs.getInt("total_count"), rs.getInt("finish_count"), rs.getLong("collect_time"),
        longOrNull(rs, "exec_time"), longOrNull(rs, "finish_time"), created == null ? Instant.EPOCH : created,
        modified == null ? Instant.EPOCH : modified);
  }

  static JobRow job(ResultSet rs, int n) throws SQLException {
    return new JobRow(rs.getLong("id"), rs.getString("job_id"), rs.getLong("task_pk"), rs.getString("task_id"),
        longOrNull(rs, "leader_id"), rs.getString("image_uuid"), longOrNull(rs, "registry_id"),
        rs.getString("registry_type"), rs.getString("region_id"), rs.getString("instance_id"), rs.getString("repo_id"),
        rs.getString("repo_namespace"), rs.getString("repo_name"), rs.getString("tag"), rs.getString("digest"),
        rs.getString("image_host"), new JobRow.ClusterInfo(rs.getString("cluster_id"), rs.getString("cluster_name"), rs.getString("app_name"),
            rs.getString("pod"), rs.getString("node_instance_id"), rs.getString("node_ip"), rs.getString("node_name")),
        rs.getString("state"), rs.getString("step"), rs.getString("result"), rs.getInt("attempts"),
        rs.getString("error"), longOrNull(rs, "start_time"), longOrNull(rs, "end_time"), rs.getString("cost_time_info"));
  }
}
