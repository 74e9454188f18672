package dev.drydock.server.task;

import dev.drydock.server.inventory.cluster.WorkloadPlacements;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates scan tasks, one at a time across every server process sharing the database: the
 * decision (how many tasks are unfinished, how much quota is left) and the insert happen in one
 * transaction holding the row lock of {@code scan_lock 'create-task'} ({@code SELECT … FOR
 * UPDATE}, which PostgreSQL and H2 both honour), so concurrent creates can never exceed the limit
 * or the quota. Within one process creates also queue on a Java lock first, so they do not hold
 * database connections while they wait.
 *
 * <p>Each job records where its digest runs at creation ({@link WorkloadPlacements}): the cluster
 * fields of its TaskImageInfo.
 */
@Component
public class TaskCreator {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The size of {@code scan_task.filters}. */
  static final int MAX_FILTERS_JSON = 8192;

  private final JdbcClient jdbc;
  private final TaskStore store;
  private final InventoryImages images;
  private final WorkloadPlacements placements;
  private final ScanQuota quota;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final TaskSettings settings;
  private final ReentrantLock local = new ReentrantLock(true);

  public TaskCreator(JdbcClient jdbc, TaskStore store, InventoryImages images, WorkloadPlacements placements,
      ScanQuota quota, PlatformTransactionManager transactions, Clock clock, Environment env) {
    this.jdbc = jdbc;
    this.store = store;
    this.images = images;
    this.placements = placements;
    this.quota = quota;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
    this.settings = TaskSettings.from(env);
  }

  /** How a create request ended. */
  public sealed interface Outcome {
    /** The task was created; {@code canCreate}: another one could be created now. */
    record Created(TaskRow task, boolean canCreate) implements Outcome {}

    /** No inventory image matched the filters. */
    record NothingMatched() implements Outcome {}

    /** {@code limit} tasks are unfinished already. */
    record TooManyTasks(int limit) implements Outcome {}

    /** The task needs {@code needed} authorizations; {@code left} remain in the period. */
    record BeyondQuota(long needed, long left) implements Outcome {}
  }

  /** What a task with these images would scan and consume (PublicPreCheckImageScanTask). */
  public record Estimate(int images, int scannable, long authorizations) {}

  public Estimate estimate(ImageFilter filter) {
    List<SelectedImage> selected = images.select(filter);
    List<String> digests = selected.stream().filter(i -> settings.supportsRegion(i.regionId()))
        .map(SelectedImage::digest).distinct().toList();
    int scannable = (int) selected.stream().filter(i -> settings.supportsRegion(i.regionId())).count();
    return new Estimate(selected.size(), scannable, quota.unauthorized(digests).size());
  }

  /** Creates a task over the images the filter selects. */
  public Outcome create(ImageFilter filter, @Nullable String sourceIp, @Nullable String createdBy) {
    return create(() -> images.select(filter), filter.asMap(), sourceIp, createdBy);
  }

  /** Creates a task over images chosen by the caller (already in the inventory). */
  public Outcome create(List<SelectedImage> chosen, Object filters, @Nullable String sourceIp,
      @Nullable String createdBy) {
    return create(() -> chosen, filters, sourceIp, createdBy);
  }

  private Outcome create(java.util.function.Supplier<List<SelectedImage>> selection, Object filters,
      @Nullable String sourceIp, @Nullable String createdBy) {
    local.lock();
    try {
      return tx.execute(s -> {
        jdbc.sql("SELECT name FROM scan_lock WHERE name = 'create-task' FOR UPDATE").query(String.class).single();
        return createLocked(selection.get(), filters, sourceIp, createdBy);
      });
    } finally {
      local.unlock();
    }
  }

  private Outcome createLocked(List<SelectedImage> selected, Object filters, @Nullable String sourceIp,
      @Nullable String createdBy) {
    if (selected.isEmpty()) {
      return new Outcome.NothingMatched();
    }
    long unfinished = store.countUnfinished();
    if (unfinished >= settings.maxUnfinishedTasks()) {
      return new Outcome.TooManyTasks(settings.maxUnfinishedTasks());
    }
    Set<String> digests = new LinkedHashSet<>();
    List<TaskStore.NewJob> jobs = new ArrayList<>();
    Map<String, WorkloadPlacements.Placement> running = placements.of(
        selected.stream().map(SelectedImage::digest).distinct().toList());
    for (SelectedImage i : selected) {
      boolean supported = settings.supportsRegion(i.regionId());
      if (supported) {
        digests.add(i.digest());
      }
      jobs.add(new TaskStore.NewJob(newId(), i, cluster(running.get(i.digest())), supported, supported ? null
          : "image scanning is not supported in region " + i.regionId() + " (drydock.scan.regions)"));
    }
    Set<String> needed = quota.unauthorized(digests);
    long left = Math.max(0, quota.capacity() - quota.used());
    if (needed.size() > left) {
      return new Outcome.BeyondQuota(needed.size(), left);
    }
    Instant now = clock.instant();
    String taskId = newId();
    boolean anyUnsupported = jobs.stream().anyMatch(j -> !j.scannable());
    boolean nothingToScan = digests.isEmpty();
    TaskStore.NewTask task = new TaskStore.NewTask(taskId, "openapi",
        nothingToScan ? TaskRow.FAIL : TaskRow.INIT,
        anyUnsupported ? TaskRow.NOT_SUPPORT_REGION : TaskRow.SUCCESS, jobs.size(), recordedFilters(filters),
        sourceIp, createdBy, now.toEpochMilli(), nothingToScan ? now.toEpochMilli() : null);
    long pk = store.insert(task, jobs, now);
    quota.consume(needed, taskId, now);
    TaskRow created = store.find(pk).orElseThrow();
    return new Outcome.Created(created, unfinished + (created.finished() ? 0 : 1) < settings.maxUnfinishedTasks());
  }

  private static JobRow.ClusterInfo cluster(WorkloadPlacements.@Nullable Placement p) {
    return p == null ? new JobRow.ClusterInfo(null, null, null, null, null, null, null)
        : new JobRow.ClusterInfo(p.clusterId(), p.clusterName(), p.appName(), p.pod(), p.nodeInstanceId(), p.nodeIp(),
            p.nodeName());
  }

  /**
   * The filters as the task records them: their JSON, or — when that is longer than the column
   * holds ({@value #MAX_FILTERS_JSON} characters) — how many values each filter had, so that a
   * long (valid) request is recorded in short instead of failing.
   */
  static String recordedFilters(Object filters) {
    String json = JSON.writeValueAsString(filters);
    if (json.length() <= MAX_FILTERS_JSON) {
      return json;
    }
    if (!(filters instanceof Map<?, ?> m)) {
      return "{}";
    }
    Map<String, Object> counts = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> counts.put(String.valueOf(k), v instanceof java.util.Collection<?> c ? c.size() + " values"
        : String.valueOf(v)));
    String summary = JSON.writeValueAsString(counts);
    return summary.length() <= MAX_FILTERS_JSON ? summary : "{}";
  }

  /** Whether a task could be created now (fewer than the limit are unfinished). */
  public boolean canCreate() {
    return store.countUnfinished() < settings.maxUnfinishedTasks();
  }

  /** 32 random hex digits, like Security Center's task ids. */
  static String newId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
