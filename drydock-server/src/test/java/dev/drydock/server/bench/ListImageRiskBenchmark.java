package dev.drydock.server.bench;

import dev.drydock.server.api.Params;
import dev.drydock.server.api.sas.ListImageRisk;
import dev.drydock.server.inventory.CountCache;
import dev.drydock.server.inventory.ImageCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Benchmark (not a test) of ListImageRisk over {@value BenchData#IMAGES} generated images in
 * PostgreSQL ({@link BenchData}): the server runs as its own process on loopback; {@code C}
 * closed-loop workers, each on one keep-alive connection, send signature V1 requests
 * ({@link SignedHttpClient}) in the {@link Scenario} mix for a warm-up and then a measured
 * period; then the same workers run the very same SQL (built by {@link ListImageRisk#where} and
 * run by {@link ImageCatalog}, count cache included) directly over JDBC. Each round prints, per
 * scenario and overall, p50 / p99 latency and requests per second of both, their ratio, the CPU
 * seconds the client, the server and PostgreSQL used per 1,000 calls, and the load average.
 *
 * <p>Usage (see {@code bench/README.md}): {@code ListImageRiskBenchmark [seconds=30] [workers=32]
 * [rounds=2] [warm-up seconds=30]}; PostgreSQL from {@code DRYDOCK_TEST_PG_URL} / {@code _USER} / {@code _PASSWORD}
 * (defaults as the tests'); {@code -Dbench.server.jvm="…"} options of the server JVM
 * ({@code -Xmx1g}); {@code -Dbench.jfr=FILE} records a flight recording of the server;
 * {@code -Dbench.reuse=true} keeps the database for the next run and reuses it when present.
 */
public final class ListImageRiskBenchmark {

  static final String KEY_ID = "LTAIbenchmark0000000000";
  static final String SECRET = "bench-secret-0123456789abcdefgh";
  static final String DB = "drydock_bench";
  static final Pg PG = Pg.fromEnv();

  private ListImageRiskBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Pg pg = PG;
    String db = DB;
    boolean reuse = Boolean.getBoolean("bench.reuse") && pg.exists(db);
    if (!reuse) {
      pg.admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      pg.admin("CREATE DATABASE " + db);
    }
    String url = pg.url(db);
    int port = freePort();
    Path dataDir = Files.createTempDirectory("drydock-bench");
    Process server = startServer(url, pg, port, dataDir);
    try {
      awaitHealthy(port, server, dataDir);
      try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
        if (reuse) {
          System.out.println("reusing the inventory of database " + db);
        } else {
          System.out.printf(Locale.ROOT, "generating %,d images in PostgreSQL%n", BenchData.IMAGES);
          BenchData.generate(c);
          BenchData.vacuum(c);
        }
      }
      System.out.printf(Locale.ROOT, "%d workers, %d s warm-up and %d s measured per phase, %d cores, server %s%n",
          workers, warmup, seconds, Runtime.getRuntime().availableProcessors(),
          System.getProperty("bench.server.jvm", "-Xmx1g"));
      for (int round = 1; round <= rounds; round++) {
        System.out.printf(Locale.ROOT, "%n== round %d ==%n", round);
        Phase api = Phase.run("API", workers, warmup, seconds, () -> {
          SignedHttpClient client = new SignedHttpClient("127.0.0.1", port, KEY_ID, SECRET);
          return p -> {
            int status = client.call("ListImageRisk", p);
            if (status != 200) {
              throw new IOException("HTTP " + status + ": " + client.lastBody());
            }
          };
        }, server.pid());
        Phase sql = Phase.run("SQL", workers, warmup, seconds, () -> {
          // One connection per worker, as each API worker holds one; same SQL text, same count cache rules.
          SingleConnectionDataSource ds = new SingleConnectionDataSource(url, pg.user(), pg.password(), true);
          ImageCatalog catalog = new ImageCatalog(JdbcClient.create(ds), SHARED_COUNTS);
          return p -> {
            Params params = new Params(p);
            catalog.page(ListImageRisk.where(params), params.currentPage(),
                params.pageSize(ListImageRisk.DEFAULT_PAGE_SIZE, ListImageRisk.MAX_PAGE_SIZE), false);
          };
        }, server.pid());
        Phase.report(api, sql);
      }
    } finally {
      server.destroy();
      server.waitFor();
      if (!Boolean.getBoolean("bench.reuse")) {
        pg.admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  /** The raw-SQL phase's count cache: one per process, as the server has one. */
  static final CountCache SHARED_COUNTS = new CountCache(new StandardEnvironment());

  static Process startServer(String url, Pg pg, int port, Path dataDir) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java));
    for (String opt : System.getProperty("bench.server.jvm", "-Xmx1g").split(" ")) {
      if (!opt.isBlank()) {
        cmd.add(opt);
      }
    }
    String jfr = System.getProperty("bench.jfr");
    if (jfr != null) {
      cmd.add("-XX:FlightRecorderOptions:stackdepth=256");
      cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.drydock.server.DrydockServer"));
    ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("server.log").toFile());
    Map<String, String> env = b.environment();
    env.put("DRYDOCK_PORT", String.valueOf(port));
    env.put("DRYDOCK_BIND_ADDRESS", "127.0.0.1");
    env.put("DRYDOCK_DATA_DIR", dataDir.toString());
    env.put("DRYDOCK_DB_URL", url);
    env.put("DRYDOCK_DB_USER", pg.user());
    env.put("DRYDOCK_DB_PASSWORD", pg.password());
    env.put("DRYDOCK_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    env.put("DRYDOCK_ACCESS_KEY_ID", KEY_ID);
    env.put("DRYDOCK_ACCESS_KEY_SECRET", SECRET);
    return b.start();
  }

  static void awaitHealthy(int port, Process server, Path dataDir) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited: " + Files.readString(dataDir.resolve("server.log")));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/actuator/health")).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the server did not become healthy within 120 s");
  }

  static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** PostgreSQL of the tests' environment variables. */
  record Pg(String adminUrl, String user, String password) {
    static Pg fromEnv() {
      Map<String, String> env = System.getenv();
      return new Pg(env.getOrDefault("DRYDOCK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
          env.getOrDefault("DRYDOCK_TEST_PG_USER", "drydock"), env.getOrDefault("DRYDOCK_TEST_PG_PASSWORD", "drydock"));
    }

    String url(String db) {
      return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
    }

    boolean exists(String db) throws SQLException {
      try (Connection c = DriverManager.getConnection(adminUrl, user, password);
          var s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        s.setString(1, db);
        return s.executeQuery().next();
      }
    }

    void admin(String sql) throws SQLException {
      try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }
  }

  /** One kind of call a worker makes with the scenario's parameters. */
  interface Call {
    void run(Map<String, String> params) throws Exception;
  }

  interface CallFactory {
    Call create() throws Exception;
  }

  /** The latencies of one measured phase, per scenario, and the CPU it cost. */
  record Phase(String name, Map<Scenario, long[]> latencies, long calls, double seconds, Cpu cpu, String loadBefore,
      String loadAfter) {

    static Phase run(String name, int workers, int warmup, int seconds, CallFactory factory, long serverPid)
        throws Exception {
      List<Worker> list = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        list.add(new Worker(factory.create(), new Random(31L * i + name.hashCode())));
      }
      List<Thread> threads = new ArrayList<>();
      for (Worker w : list) {
        threads.add(Thread.ofPlatform().name(name + "-worker").start(w));
      }
      Thread.sleep(warmup * 1000L);
      Cpu.findBackends(PG, DB);
      String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
      Cpu before = Cpu.now(serverPid);
      long start = System.nanoTime();
      list.forEach(w -> w.recording = true);
      Thread.sleep(seconds * 1000L);
      list.forEach(w -> w.recording = false);
      double elapsed = (System.nanoTime() - start) / 1e9;
      Cpu cpu = Cpu.now(serverPid).minus(before);
      String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
      list.forEach(w -> w.stop = true);
      for (Thread t : threads) {
        t.join();
      }
      for (Worker w : list) {
        if (w.failure != null) {
          throw new IllegalStateException(name + " worker failed", w.failure);
        }
      }
      Map<Scenario, long[]> merged = new EnumMap<>(Scenario.class);
      long calls = 0;
      for (Scenario s : Scenario.values()) {
        long[] all = list.stream().map(w -> w.samples.get(s)).flatMapToLong(l -> java.util.Arrays.stream(l.toArray()))
            .sorted().toArray();
        merged.put(s, all);
        calls += all.length;
      }
      return new Phase(name, merged, calls, elapsed, cpu, loadBefore, loadAfter);
    }

    long[] all() {
      return latencies.values().stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
    }

    static void report(Phase api, Phase sql) {
      System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s | %9s %9s %9s | %s%n", "scenario", "API p50", "API p99",
          "API /s", "SQL p50", "SQL p99", "SQL /s", "API/SQL p50, p99, rate");
      for (Scenario s : Scenario.values()) {
        line(s.name(), api.latencies.get(s), sql.latencies.get(s), api.seconds, sql.seconds);
      }
      line("all", api.all(), sql.all(), api.seconds, sql.seconds);
      long[] a = api.all();
      long[] q = sql.all();
      System.out.printf(Locale.ROOT, "goals: API p99 %.2f ms (<= 25 ms: %s), API %,.0f calls/s (>= 3,000: %s), "
              + "API/SQL p50 %.2fx and p99 %.2fx (<= 2x: %s)%n", ms(pct(a, 99)), ms(pct(a, 99)) <= 25 ? "met" : "not met",
          a.length / api.seconds, a.length / api.seconds >= 3000 ? "met" : "not met", ms(pct(a, 50)) / ms(pct(q, 50)),
          ms(pct(a, 99)) / ms(pct(q, 99)),
          ms(pct(a, 50)) / ms(pct(q, 50)) <= 2 && ms(pct(a, 99)) / ms(pct(q, 99)) <= 2 ? "met" : "not met");
      for (Phase p : List.of(api, sql)) {
        System.out.printf(Locale.ROOT, "%s: %,d calls, %,.0f/s; CPU s per 1,000 calls: client %.3f, server %.3f, "
                + "PostgreSQL backends %.3f; load average before %s, after %s%n", p.name, p.calls, p.calls / p.seconds,
            p.cpu.client() * 1000 / p.calls, p.cpu.server() * 1000 / p.calls, p.cpu.postgres() * 1000 / p.calls,
            p.loadBefore, p.loadAfter);
      }
    }

    private static void line(String name, long[] a, long[] s, double apiSeconds, double sqlSeconds) {
      double ap50 = ms(pct(a, 50));
      double ap99 = ms(pct(a, 99));
      double sp50 = ms(pct(s, 50));
      double sp99 = ms(pct(s, 99));
      double ar = a.length / apiSeconds;
      double sr = s.length / sqlSeconds;
      System.out.printf(Locale.ROOT, "%-12s %7.2fms %7.2fms %9.0f | %7.2fms %7.2fms %9.0f | %.2fx %.2fx %.2fx%n", name,
          ap50, ap99, ar, sp50, sp99, sr, ap50 / sp50, ap99 / sp99, sr / ar);
    }

    static long pct(long[] sorted, int p) {
      return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
      return nanos / 1e6;
    }
  }

  /** A closed-loop worker: picks a scenario, calls, records the latency while recording. */
  static final class Worker implements Runnable {
    final Call call;
    final Random random;
    final Map<Scenario, LongList> samples = new EnumMap<>(Scenario.class);
    volatile boolean recording;
    volatile boolean stop;
    volatile Throwable failure;

    Worker(Call call, Random random) {
      this.call = call;
      this.random = random;
      for (Scenario s : Scenario.values()) {
        samples.put(s, new LongList());
      }
    }

    @Override
    public void run() {
      try {
        while (!stop) {
          Scenario s = Scenario.pick(random);
          Map<String, String> p = s.params(random);
          long t = System.nanoTime();
          call.run(p);
          long d = System.nanoTime() - t;
          if (recording) {
            samples.get(s).add(d);
          }
        }
      } catch (Throwable e) {
        failure = e;
      }
    }
  }

  /** A growable list of longs. */
  static final class LongList {
    private long[] a = new long[1 << 14];
    private int n;

    void add(long v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /**
   * CPU seconds used by this process, the server process and the PostgreSQL backends serving the
   * benchmark database (not the backends of other databases sharing the PostgreSQL server).
   */
  record Cpu(double client, double server, double postgres) {
    static final AtomicLong TICKS = new AtomicLong(100); // USER_HZ on Linux
    static volatile List<Long> backends = List.of();

    static Cpu now(long serverPid) throws IOException {
      return new Cpu(procCpu(ProcessHandle.current().pid()), procCpu(serverPid), postgresCpu());
    }

    /** Remembers the backends connected to {@code db} now (call once every connection is open). */
    static void findBackends(Pg pg, String db) throws SQLException {
      List<Long> pids = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(pg.adminUrl(), pg.user(), pg.password());
          var s = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
        s.setString(1, db);
        var rs = s.executeQuery();
        while (rs.next()) {
          pids.add(rs.getLong(1));
        }
      }
      backends = List.copyOf(pids);
    }

    Cpu minus(Cpu o) {
      return new Cpu(client - o.client, server - o.server, postgres - o.postgres);
    }

    private static double procCpu(long pid) throws IOException {
      return stat(Path.of("/proc/" + pid + "/stat"));
    }

    private static double stat(Path p) throws IOException {
      String s = Files.readString(p);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS.get();
    }

    private static double postgresCpu() {
      double sum = 0;
      for (long pid : backends) {
        try {
          sum += procCpu(pid);
        } catch (IOException gone) {
          // the backend ended meanwhile
        }
      }
      return sum;
    }
  }
}
