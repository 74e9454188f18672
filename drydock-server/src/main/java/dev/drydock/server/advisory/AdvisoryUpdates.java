package dev.drydock.server.advisory;

import dev.drydock.server.config.Processes;
import dev.drydock.server.task.TaskSettings;
import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.FeedSource;
import dev.drydock.vuln.db.UpdateResult;
import dev.drydock.vuln.db.Updater;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Scheduled {@code drydock db update} inside the server: every
 * {@code drydock.scan.advisory-update.interval} (unset: never, the default) the advisory database
 * file is updated from {@code drydock.scan.advisory-update.feeds} (comma-separated http(s) URLs,
 * each a source named by its URL; default: the feeds {@code db update} downloads). Updates are
 * conditional requests, so several servers updating one shared file cost one download per changed
 * feed; the {@link Rematcher} notices the new fingerprint and re-matches.
 */
@Component
public class AdvisoryUpdates implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryUpdates.class);

  private final AdvisoryDatabases databases;
  private final @Nullable Duration interval;
  private final boolean background;
  private final List<FeedSource> feeds;
  private volatile @Nullable ScheduledExecutorService scheduler;

  public AdvisoryUpdates(AdvisoryDatabases databases, Environment env) {
    this.databases = databases;
    TaskSettings settings = TaskSettings.from(env);
    this.interval = settings.advisoryUpdateInterval();
    this.background = settings.background();
    String configured = env.getProperty("drydock.scan.advisory-update.feeds", "");
    List<FeedSource> f = new ArrayList<>();
    for (String url : configured.split(",")) {
      if (!url.isBlank()) {
        f.add(new FeedSource(url.trim(), URI.create(url.trim()), null));
      }
    }
    this.feeds = f.isEmpty() ? FeedSource.defaults() : List.copyOf(f);
  }

  /** Updates every feed now; returns what each did. */
  public List<UpdateResult> updateNow() throws IOException, InterruptedException {
    try (AdvisoryDatabase db = AdvisoryDatabase.open(databases.path())) {
      return new Updater(db).update(feeds);
    }
  }

  private void run() {
    try {
      for (UpdateResult r : updateNow()) {
        LOG.info("advisory update: {}", r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.warn("advisory update failed: {}", e.toString());
    }
  }

  @Override
  public void start() {
    Duration every = interval;
    if (!background || every == null || every.isZero() || every.isNegative() || scheduler != null) {
      return;
    }
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(Processes.daemonThreads("advisory-update-"));
    scheduler = s;
    s.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService s = scheduler;
    scheduler = null;
    if (s != null) {
      s.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
