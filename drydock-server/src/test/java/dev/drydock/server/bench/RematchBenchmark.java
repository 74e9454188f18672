package dev.drydock.server.bench;

import static dev.drydock.server.bench.BenchSupport.fmt;
import static dev.drydock.server.bench.BenchSupport.seconds;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.ImageInfo;
import dev.drydock.index.IndexReport;
import dev.drydock.index.OsRelease;
import dev.drydock.index.Package;
import dev.drydock.server.DrydockServer;
import dev.drydock.server.advisory.Rematcher;
import dev.drydock.server.config.ServerSettings;
import dev.drydock.server.results.ReportCodec;
import dev.drydock.server.testing.TestServer;
import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.bench.FeedGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark (not a test): re-matching generated stored inventories after an advisory update.
 *
 * <p>Builds an advisory database from generated feeds in the real formats (core's
 * {@link FeedGenerator}: OSV records in a zip, a Debian tracker export), stores N generated
 * inventories (Debian 12 images: one of 20 base package sets of 30 source packages from the
 * tracker's names, plus 5 Maven and 5 npm packages from the OSV names) as {@code image_report} rows,
 * matches them all once (the first match writes every vulnerability row), then imports one more
 * generated OSV zip — the advisory update — and times the re-match of every inventory, which is
 * what a server does after {@code drydock db update}. Runs the server in this JVM with its
 * background work off and calls {@link Rematcher#runOnce()} directly.
 *
 * <pre>bench/rematch.sh [WORK_DIR] [INVENTORIES] [h2|postgres]</pre>
 */
public final class RematchBenchmark {

  private RematchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "drydock-server/target/bench-rematch").toAbsolutePath();
    int inventories = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    boolean postgres = args.length > 2 && args[2].equals("postgres");
    Files.createDirectories(work);
    Path db = work.resolve("advisories.db");
    for (String s : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(work.resolve("advisories.db" + s));
    }
    System.out.println("load average at start: " + BenchSupport.loadAverage());
    long t = System.nanoTime();
    Path osv = work.resolve("osv.zip");
    Path tracker = work.resolve("tracker.json");
    Path update = work.resolve("osv-update.zip");
    FeedGenerator.osvZip(osv, 100_000, 1);
    FeedGenerator.debianTracker(tracker, 30_000, 2);
    FeedGenerator.osvZip(update, 20_000, 3);
    try (AdvisoryDatabase d = AdvisoryDatabase.open(db)) {
      d.importFile(osv);
      d.importFile(tracker);
    }
    System.out.println(fmt("advisory database: 100,000 OSV + 30,000 Debian records in %.1f s", seconds(t)));

    String pgName = null;
    ServerSettings settings;
    Path data = work.resolve("data");
    if (postgres) {
      pgName = "drydock_bench_" + Long.toHexString(System.nanoTime());
      settings = new ServerSettings(0, data, TestServer.createPostgresDatabase(pgName), TestServer.pgUser(),
          TestServer.pgPassword(), TestServer.MASTER_KEY, "127.0.0.1");
    } else {
      deleteTree(data);
      settings = new ServerSettings(0, data, ServerSettings.h2Url(data), null, null, TestServer.MASTER_KEY, "127.0.0.1");
    }
    System.setProperty("drydock.scan.advisory-db", db.toString());
    System.setProperty("drydock.scan.rematch.threads", System.getProperty("threads", "2"));
    try (ConfigurableApplicationContext ctx = DrydockServer.startOffline(settings)) {
      t = System.nanoTime();
      long bytes = store(ctx, inventories);
      System.out.println(fmt("stored %,d inventories (%s, mean index_json %,d bytes) in %.1f s", inventories,
          postgres ? "PostgreSQL" : "H2", bytes / inventories, seconds(t)));
      Rematcher rematcher = ctx.getBean(Rematcher.class);
      pass("first match (every report new)", rematcher);
      try (AdvisoryDatabase d = AdvisoryDatabase.open(db)) {
        d.importFile(update);
      }
      System.out.println("advisory update: imported 20,000 more OSV records");
      pass("re-match after the update", rematcher);
      JdbcClient jdbc = ctx.getBean(JdbcClient.class);
      System.out.println(fmt("stored: %,d vulnerability rows, %,d images with vul > 0",
          jdbc.sql("SELECT COUNT(*) FROM image_vuln").query(Long.class).single(),
          jdbc.sql("SELECT COUNT(*) FROM image_risk WHERE vul > 0").query(Long.class).single()));
    } finally {
      if (pgName != null) {
        TestServer.dropPostgresDatabase(pgName);
      }
    }
  }

  private static void pass(String what, Rematcher rematcher) throws Exception {
    String load = BenchSupport.loadAverage();
    long t = System.nanoTime();
    Optional<Rematcher.Pass> p = rematcher.runOnce();
    double s = seconds(t);
    Rematcher.Pass pass = p.orElseThrow(() -> new IllegalStateException("nothing was re-matched"));
    System.out.println(fmt("%s: %,d inventories in %.1f s (%,.0f/s; reading %.1f s, matching %.1f s, writing %.1f s); "
            + "load average before %s, after %s", what, pass.examined(), s, pass.examined() / s,
        pass.reading().toMillis() / 1e3, pass.matching().toMillis() / 1e3, pass.writing().toMillis() / 1e3, load,
        BenchSupport.loadAverage()));
  }

  /** Inserts generated inventories; returns the total size of their JSON. */
  private static long store(ConfigurableApplicationContext ctx, int count) {
    NamedParameterJdbcTemplate named = ctx.getBean(NamedParameterJdbcTemplate.class);
    Random r = new Random(42);
    List<List<Package>> bases = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      List<Package> base = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        int src = r.nextInt(3000);
        String version = "1." + r.nextInt(9) + "-" + r.nextInt(5);
        String layer = "sha256:" + hex(r, 32);
        base.add(new Package(Ecosystem.DEB, "bin" + src + "-" + i, version, null, "amd64",
            FeedGenerator.debianName(src), version, "var/lib/dpkg/status", Map.of(),
            "pkg:deb/debian/bin" + src + "-" + i + "@" + version + "?arch=amd64&distro=debian-12", layer));
      }
      bases.add(base);
    }
    OsRelease os = new OsRelease("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", List.of());
    ImageConfig config = new ImageConfig("linux", "amd64", null, null, null, List.of(), List.of(), List.of(), null,
        List.of(), Map.of(), null, List.of(), List.of());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long bytes = 0;
    List<MapSqlParameterSource> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      List<Package> packages = new ArrayList<>(bases.get(r.nextInt(bases.size())));
      String appLayer = "sha256:" + hex(r, 32);
      for (int i = 0; i < 5; i++) {
        String[] ga = FeedGenerator.name("Maven", r.nextInt(FeedGenerator.NAMES_PER_ECOSYSTEM / 10)).split(":");
        packages.add(new Package(Ecosystem.MAVEN, ga[1], r.nextInt(5) + "." + r.nextInt(20) + "." + r.nextInt(10), ga[0],
            null, null, null, "app/lib/" + ga[1] + ".jar", Map.of(), null, appLayer));
        String npm = FeedGenerator.name("npm", r.nextInt(FeedGenerator.NAMES_PER_ECOSYSTEM / 10));
        packages.add(new Package(Ecosystem.NPM, npm, r.nextInt(5) + "." + r.nextInt(20) + "." + r.nextInt(10), null,
            null, null, null, "app/node_modules/" + npm + "/package.json", Map.of(), null, appLayer));
      }
      String digest = hex(r, 32);
      ImageInfo image = new ImageInfo("bench/app" + n, null, "sha256:" + digest, null,
          "application/vnd.oci.image.manifest.v1+json", "sha256:" + hex(r, 32), "linux/amd64", config,
          List.of(new ImageInfo.LayerInfo(packages.get(0).layer(), null, 30_000_000, "application/vnd.oci.image.layer.v1.tar+gzip", null),
              new ImageInfo.LayerInfo(appLayer, null, 100_000, "application/vnd.oci.image.layer.v1.tar+gzip", null)));
      String json = ReportCodec.write(new IndexReport(IndexReport.SCHEMA_VERSION, image, os, packages, List.of(),
          List.of(), true, List.of("dpkg", "java", "npm")));
      bytes += json.length();
      rows.add(new MapSqlParameterSource().addValue("d", digest).addValue("json", json).addValue("now", now));
      if (rows.size() == 1000 || n == count - 1) {
        named.batchUpdate("INSERT INTO image_report (digest, index_json, complete, diagnostics_json, scanners, "
            + "advisory_db, scanned_at, matched_at) VALUES (:d, :json, TRUE, '[]', 'vuln', NULL, :now, :now)",
            rows.toArray(MapSqlParameterSource[]::new));
        rows.clear();
      }
    }
    return bytes;
  }

  private static String hex(Random r, int bytes) {
    byte[] b = new byte[bytes];
    r.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    if (Files.exists(p)) {
      try (var s = Files.walk(p)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
