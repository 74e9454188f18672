package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.config.ServerSettings;
import dev.drydock.server.inventory.RegistryProxy;
import dev.drydock.server.testing.ServerProcess;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import dev.drydock.testing.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Servers as separate processes ({@link ServerProcess}): one is killed with {@code kill -9} in the
 * middle of a task and a new one finishes the task without losing or repeating work; two share one
 * PostgreSQL database and split a task's jobs, each image scanned exactly once. A proxy in front of
 * the loopback registry delays every blob, so each scan takes long enough to be interrupted. Scans
 * are counted from {@code scan_log}, read with JDBC once the servers have stopped.
 */
class ServerProcessIT {

  static final int IMAGES = 6;
  static RegistryProcess registry;
  static RegistryProxy proxy;
  static Path work;
  static final Map<String, String> digests = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("drydock-server-process-it");
    registry = RegistryProcess.anonymous();
    proxy = new RegistryProxy(registry.baseUri(), Duration.ofMillis(700));
    for (int i = 0; i < IMAGES; i++) {
      digests.put("crash/img" + i, ScanFixtures.push(ScanFixtures.clean("image " + i), registry, work,
          "crash/img" + i, "1"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (registry != null) {
      registry.close();
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Map<String, String> properties() {
    return Map.of("drydock.scan.workers", "1", "drydock.scan.poll-interval", "PT0.2S", "drydock.scan.lease", "PT6S",
        "drydock.scan.backoff", "PT0.5S", "drydock.registry-sync.poll-interval", "PT0.5S",
        "drydock.scan.rematch.poll-interval", "PT1S");
  }

  /** A database for the servers of one test: H2 in {@code dataDir}, or a fresh PostgreSQL database. */
  record Db(String url, String user, String password, String pgName) {
    static Db create(Path dataDir) throws Exception {
      if (TestServer.postgres()) {
        String name = "drydock_proc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new Db(TestServer.createPostgresDatabase(name), TestServer.pgUser(), TestServer.pgPassword(), name);
      }
      return new Db(null, null, null, null);
    }

    Connection connect(Path dataDir) throws SQLException {
      return url == null ? DriverManager.getConnection(ServerSettings.h2Url(dataDir))
          : DriverManager.getConnection(url, user, password);
    }

    void drop() throws Exception {
      if (pgName != null) {
        TestServer.dropPostgresDatabase(pgName);
      }
    }
  }

  static String createTask(SasClient client) throws Exception {
    long id = ScanFixtures.register(client, proxy.port(), "cn-hangzhou");
    ScanFixtures.awaitImages(client, id, IMAGES);
    return client.call("PublicCreateImageScanTask", Map.of("RepoNamespaces", "crash")).path("Data").path("TaskId")
        .asString();
  }

  /** digest → the owners that logged a scan of it in the task. */
  static Map<String, List<String>> scans(Db db, Path dataDir, String taskId) throws SQLException {
    Map<String, List<String>> out = new HashMap<>();
    try (Connection c = db.connect(dataDir);
        var s = c.prepareStatement("SELECT digest, owner FROM scan_log WHERE task_id = ?")) {
      s.setString(1, taskId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  @Test
  void killedMidTaskTheTaskCompletesAfterRestart() throws Exception {
    Path dataDir = work.resolve("crash-data");
    Db db = Db.create(dataDir);
    try {
      ServerProcess first = ServerProcess.start(dataDir, db.url(), db.user(), db.password(), properties());
      String taskId;
      Set<String> doneBeforeKill = new HashSet<>();
      try {
        taskId = createTask(first.client());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (doneBeforeKill.isEmpty() && System.nanoTime() < deadline) {
          for (JsonNode leaf : ScanFixtures.leaves(first.client(), taskId)) {
            if (leaf.path("StatusText").asString().equals("SUCCESS")) {
              doneBeforeKill.add(leaf.path("Target").asString());
            }
          }
          Thread.sleep(100);
        }
        assertThat(doneBeforeKill).as(first.logTail()).isNotEmpty();
        first.kill9();
      } finally {
        first.close();
      }
      assertThat(doneBeforeKill).as("killed in the middle of the task").hasSizeLessThan(IMAGES);

      ServerProcess second = ServerProcess.start(dataDir, db.url(), db.user(), db.password(), properties());
      try {
        List<JsonNode> leaves = ScanFixtures.awaitTask(second.client(), taskId, Duration.ofMinutes(3));
        assertThat(leaves).hasSize(IMAGES);
        leaves.forEach(l -> assertThat(l.path("StatusText").asString()).as(l.toString()).isEqualTo("SUCCESS"));
        assertThat(ScanFixtures.unfinished(second.client(), taskId)).isFalse();
      } finally {
        second.close();
      }
      Map<String, List<String>> scans = scans(db, dataDir, taskId);
      assertThat(scans.keySet()).containsExactlyInAnyOrderElementsOf(digests.values());
      scans.forEach((digest, owners) -> assertThat(owners).as("scans of %s", digest).hasSize(1));
      for (String d : doneBeforeKill) {
        assertThat(scans.get(d).get(0)).as("scanned before the kill, not again after")
            .contains("/" + first.pid() + "/");
      }
    } finally {
      db.drop();
    }
  }

  /**
   * SIGTERM: the workers stop and give back their claims, and the audit trail is written, before the
   * database closes — with the embedded database too, whose own shutdown hook used to close it
   * first ("cannot give back registry sync claims: … Database is already closed").
   */
  @Test
  void aStoppedServerReleasesEverythingBeforeTheDatabaseCloses() throws Exception {
    Path dataDir = work.resolve("stop-data");
    Db db = Db.create(dataDir);
    try {
      ServerProcess server = ServerProcess.start(dataDir, db.url(), db.user(), db.password(), properties());
      String log;
      try {
        long id = ScanFixtures.register(server.client(), proxy.port(), "cn-hangzhou");
        ScanFixtures.awaitImages(server.client(), id, IMAGES);
      } finally {
        server.close();
        log = server.logTail();
      }
      assertThat(log).doesNotContain("cannot give back").doesNotContain("already closed")
          .doesNotContain("lost ");
      try (Connection c = db.connect(dataDir);
          ResultSet rs = c.createStatement().executeQuery(
              "SELECT COUNT(*) FROM registry WHERE sync_owner IS NOT NULL")) {
        rs.next();
        assertThat(rs.getLong(1)).as("sync claims given back").isZero();
      }
    } finally {
      db.drop();
    }
  }

  @Test
  void twoServersOnOnePostgresSplitTheJobs() throws Exception {
    Assumptions.assumeTrue(TestServer.postgres(), "several server processes need a shared PostgreSQL database");
    Path dataA = work.resolve("split-a");
    Path dataB = work.resolve("split-b");
    Db db = Db.create(dataA);
    try {
      String taskId;
      long pidA;
      long pidB;
      try (ServerProcess a = ServerProcess.start(dataA, db.url(), db.user(), db.password(), properties());
          ServerProcess b = ServerProcess.start(dataB, db.url(), db.user(), db.password(), properties())) {
        pidA = a.pid();
        pidB = b.pid();
        taskId = createTask(a.client());
        List<JsonNode> leaves = ScanFixtures.awaitTask(b.client(), taskId, Duration.ofMinutes(3));
        leaves.forEach(l -> assertThat(l.path("StatusText").asString()).as(l.toString()).isEqualTo("SUCCESS"));
      }
      Map<String, List<String>> scans = scans(db, dataA, taskId);
      assertThat(scans.keySet()).containsExactlyInAnyOrderElementsOf(digests.values());
      scans.forEach((digest, owners) -> assertThat(owners).as("scans of %s", digest).hasSize(1));
      Set<String> owners = new HashSet<>();
      scans.values().forEach(owners::addAll);
      assertThat(owners).as("both servers scanned").anyMatch(o -> o.contains("/" + pidA + "/"))
          .anyMatch(o -> o.contains("/" + pidB + "/"));
    } finally {
      db.drop();
    }
  }
}
