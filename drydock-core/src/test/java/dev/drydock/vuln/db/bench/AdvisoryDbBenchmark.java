package dev.drydock.vuln.db.bench;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.ImageInfo;
import dev.drydock.index.IndexReport;
import dev.drydock.index.OsRelease;
import dev.drydock.index.Package;
import dev.drydock.vuln.Matcher;
import dev.drydock.vuln.VulnerabilityReport;
import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.DatabaseAdvisorySource;
import dev.drydock.vuln.db.Candidate;
import dev.drydock.vuln.db.DatabaseStatus;
import dev.drydock.vuln.db.ImportResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test) of the advisory database at osv.dev scale: generates ≥ 300,000
 * advisories in the real formats ({@link FeedGenerator}: 250,000 OSV records in a zip and a Debian
 * tracker export with 60,000 package/CVE records), times their import, reports the database size,
 * times a lookup of 10,000 packages the way the matcher makes it (per ecosystem, batched), and
 * times the whole matcher over an IndexReport of those 10,000 packages (the goal: ≤ 200 ms
 * once the database is open).
 *
 * <p>Run from the repository root (see {@code bench/README.md}):
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -q -o -pl drydock-core test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp drydock-core/target/test-classes:drydock-core/target/classes:$(cat drydock-core/target/bench-classpath.txt) \
 *     dev.drydock.vuln.db.bench.AdvisoryDbBenchmark [work-dir] [osv-records] [debian-records]
 * </pre>
 */
public final class AdvisoryDbBenchmark {

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private AdvisoryDbBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args.length > 0 ? args[0] : "drydock-core/target/bench-vulndb");
    int osvCount = args.length > 1 ? Integer.parseInt(args[1]) : 250_000;
    int debianCount = args.length > 2 ? Integer.parseInt(args[2]) : 60_000;
    Files.createDirectories(work);
    if (Boolean.getBoolean("reuse") && Files.exists(work.resolve("advisories.db"))) {
      // -Dreuse=true: time the lookups again on the database an earlier run left (no generation, no import).
      lookups(work.resolve("advisories.db"), debianCount);
      return;
    }
    Path zip = work.resolve("all.zip");
    Path tracker = work.resolve("tracker.json");
    Path dbFile = work.resolve("advisories.db");
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(work.resolve("advisories.db" + suffix));
    }

    long t = System.nanoTime();
    long osvAffected = FeedGenerator.osvZip(zip, osvCount, 1);
    int cves = FeedGenerator.debianTracker(tracker, debianCount, 2);
    System.out.printf(Locale.ROOT, "generated %,d OSV records (%,d affected, zip %s) and %,d Debian records "
            + "(%,d CVEs, %s) in %.1f s%n", osvCount, osvAffected, mb(Files.size(zip)), debianCount, cves,
        mb(Files.size(tracker)), seconds(t));

    try (AdvisoryDatabase db = AdvisoryDatabase.open(dbFile)) {
      for (Path feed : List.of(zip, tracker)) {
        long cpu = CPU.getCurrentThreadCpuTime();
        ImportResult r = db.importFile(feed);
        System.out.printf(Locale.ROOT, "imported %-12s %,9d advisories %,9d affected %,6d merged in %5.1f s "
                + "(thread CPU %.1f s, %,.0f advisories/s)%n", feed.getFileName(), r.advisories(), r.affected(), r.merged(),
            r.elapsed().toMillis() / 1000.0, (CPU.getCurrentThreadCpuTime() - cpu) / 1e9,
            r.advisories() / (r.elapsed().toMillis() / 1000.0));
      }
      long cpu = CPU.getCurrentThreadCpuTime();
      ImportResult again = db.importFile(tracker);
      System.out.printf(Locale.ROOT, "re-imported %s (replacing its %,d advisories) in %.1f s (thread CPU %.1f s)%n",
          tracker.getFileName(), again.advisories(), again.elapsed().toMillis() / 1000.0,
          (CPU.getCurrentThreadCpuTime() - cpu) / 1e9);
      DatabaseStatus status = db.status();
      System.out.printf(Locale.ROOT, "database: %,d advisories, %,d affected entries, %s on disk%n",
          status.advisories(), status.affected(), mb(Files.size(dbFile)));
    }

    lookups(dbFile, cves);
  }

  private static void lookups(Path dbFile, int cves) throws IOException {
    Map<String, List<String>> lookup = packages(10_000);
    try (AdvisoryDatabase db = AdvisoryDatabase.openReadOnly(dbFile)) {
      int[] hits = new int[2];
      String timing = timed(() -> {
        hits[0] = 0;
        hits[1] = 0;
        for (Map.Entry<String, List<String>> e : lookup.entrySet()) {
          Map<String, List<Candidate>> found = db.affecting(e.getKey(), e.getValue());
          hits[0] += found.size();
          hits[1] += found.values().stream().mapToInt(List::size).sum();
        }
      });
      System.out.printf(Locale.ROOT, "lookup of %,d packages in %d ecosystems: %,d packages with %,d candidates; %s%n",
          lookup.values().stream().mapToInt(List::size).sum(), lookup.size(), hits[0], hits[1], timing);
      matchIndexReport(db, lookup);
      Random r = new Random(4);
      long start = System.nanoTime();
      int found = 0;
      for (int i = 0; i < 1_000; i++) {
        found += db.find("CVE-2023-" + (100000 + r.nextInt(cves))).size();
      }
      System.out.printf(Locale.ROOT, "find by id of 1,000 CVE ids: %,d advisories in %.1f ms%n", found,
          (System.nanoTime() - start) / 1e6);
      System.out.printf(Locale.ROOT, "load average during the run: %.2f on %d CPUs%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /**
   * Times the whole matcher ({@link Matcher#match}: grouping, batched lookups, version parsing and
   * range evaluation, de-duplication) over an IndexReport of the same 10,000 packages, with the
   * database already open. Go gets the RubyGems share too, since the index has no RubyGems packages.
   */
  private static void matchIndexReport(AdvisoryDatabase db, Map<String, List<String>> lookup) throws IOException {
    IndexReport index = indexReport(lookup);
    Matcher matcher = new Matcher(new DatabaseAdvisorySource(db));
    VulnerabilityReport[] report = new VulnerabilityReport[1];
    String timing = timed(() -> report[0] = matcher.match(index));
    System.out.printf(Locale.ROOT, "Matcher.match of an IndexReport with %,d packages: %,d vulnerabilities (%,d distinct), "
            + "%d diagnostics; %s (goal <= 200 ms)%n", index.packages().size(), report[0].vulnerabilities().size(),
        report[0].distinctIds(), report[0].diagnostics().size(), timing);
  }

  private interface Work {
    void run() throws IOException;
  }

  /** Runs {@code work} 7 times: the first run, then the median, min and max of the other six (wall and thread CPU). */
  private static String timed(Work work) throws IOException {
    long[] times = new long[7];
    long[] cpus = new long[times.length];
    for (int run = 0; run < times.length; run++) {
      long start = System.nanoTime();
      long cpu = CPU.getCurrentThreadCpuTime();
      work.run();
      times[run] = System.nanoTime() - start;
      cpus[run] = CPU.getCurrentThreadCpuTime() - cpu;
    }
    long[] warm = Arrays.copyOfRange(times, 1, times.length);
    long[] warmCpu = Arrays.copyOfRange(cpus, 1, cpus.length);
    Arrays.sort(warm);
    Arrays.sort(warmCpu);
    return String.format(Locale.ROOT, "first run %.1f ms (CPU %.1f ms), then median %.1f ms (min %.1f, max %.1f; "
            + "CPU median %.1f ms)", times[0] / 1e6, cpus[0] / 1e6, warm[warm.length / 2] / 1e6, warm[0] / 1e6,
        warm[warm.length - 1] / 1e6, warmCpu[warmCpu.length / 2] / 1e6);
  }

  /** The packages of {@link #packages} as an image's inventory, with versions in the generated ranges' span. */
  static IndexReport indexReport(Map<String, List<String>> lookup) {
    Random r = new Random(5);
    List<Package> packages = new ArrayList<>();
    lookup.forEach((ecosystem, names) -> {
      for (String n : names) {
        String semver = r.nextInt(6) + "." + r.nextInt(20) + "." + r.nextInt(10);
        packages.add(switch (ecosystem) {
          case "Debian:12" -> Package.of(Ecosystem.DEB, n + "-bin", "1." + r.nextInt(9) + "-" + (1 + r.nextInt(4)),
              "var/lib/dpkg/status").withSource(n, null).withArch("amd64");
          case "Maven" -> n.contains(":")
              ? Package.of(Ecosystem.MAVEN, n.substring(n.indexOf(':') + 1), semver, "app/lib/" + n + ".jar")
                  .withNamespace(n.substring(0, n.indexOf(':')))
              : Package.of(Ecosystem.MAVEN, n, semver, "app/lib/" + n + ".jar").withNamespace("org.other");
          case "npm" -> Package.of(Ecosystem.NPM, n, semver, "app/node_modules/" + n + "/package.json");
          case "PyPI" -> Package.of(Ecosystem.PYPI, n, semver, "usr/lib/python3/dist-packages/" + n + ".dist-info/METADATA");
          default -> Package.of(Ecosystem.GOLANG, n.startsWith("package-") ? "github.com/other/" + n : n, "v" + semver,
              "usr/local/bin/app");
        });
      }
    });
    OsRelease os = new OsRelease("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)", List.of());
    ImageInfo image = new ImageInfo("bench", null, "sha256:" + "0".repeat(64), null,
        "application/vnd.oci.image.manifest.v1+json", "sha256:" + "1".repeat(64), "linux/amd64",
        new ImageConfig("linux", "amd64", null, null, null, List.of(), List.of(), List.of(), null, List.of(), Map.of(), null,
            List.of(), List.of()),
        List.of());
    return new IndexReport(IndexReport.SCHEMA_VERSION, image, os, packages, List.of(), List.of(), true, List.of());
  }

  /**
   * 10,000 package names as an image with a large application would have them: OS packages, then
   * language packages; about half of the names have advisories.
   */
  static Map<String, List<String>> packages(int total) {
    Random r = new Random(3);
    Map<String, Integer> shares = new LinkedHashMap<>();
    shares.put("Debian:12", 600);
    shares.put("npm", 4_500);
    shares.put("Maven", 2_000);
    shares.put("PyPI", 1_500);
    shares.put("Go", 1_000);
    shares.put("RubyGems", 400);
    Map<String, List<String>> out = new LinkedHashMap<>();
    int left = total;
    for (Map.Entry<String, Integer> e : shares.entrySet()) {
      int n = Math.min(left, e.getValue());
      left -= n;
      List<String> names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        boolean known = r.nextBoolean();
        if (e.getKey().startsWith("Debian")) {
          names.add(known ? FeedGenerator.debianName(r.nextInt(FeedGenerator.DEBIAN_PACKAGES)) : "not-in-feed-" + i);
        } else {
          names.add(known ? FeedGenerator.name(e.getKey(), r.nextInt(FeedGenerator.NAMES_PER_ECOSYSTEM))
              : "not-in-feed-" + i);
        }
      }
      out.put(e.getKey(), names);
    }
    return out;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
