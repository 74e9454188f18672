package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Our comparators against the reference implementations <em>running on this machine</em>, not
 * only against the committed tables ({@link VersionOracleTest}): dpkg's {@code --compare-versions},
 * rpm's own {@code rpm.vercmp} through its Lua interpreter, and npm's {@code semver} package under
 * node. Each gets the 1,500 generated pairs of its table (whose recorded answers must still hold)
 * plus 1,500 new pairs crossing the table's versions (row i's first version against row i+1's
 * second, a fixed shuffle), so at least 3,000 live comparisons per tool.
 *
 * <p>dpkg and rpm are required (CI installs them); node with npm's bundled {@code semver} is used
 * when present, else that case is reported as skipped (the committed table still checks it).
 */
class VersionOracleIT {

  private record Pair(String a, String b, @org.jspecify.annotations.Nullable Integer recorded) {}

  private static List<Pair> pairs(String table) {
    List<String[]> rows = OracleTables.read(table);
    List<Pair> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(new Pair(r[0], r[1], Integer.signum(Integer.parseInt(r[2]))));
    }
    List<String[]> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, new Random(42));
    for (int i = 0; i < shuffled.size(); i++) {
      out.add(new Pair(shuffled.get(i)[0], shuffled.get((i + 1) % shuffled.size())[1], null));
    }
    return out;
  }

  private static void assertAgree(String tool, VersionScheme scheme, List<Pair> pairs, List<Integer> live)
      throws InvalidVersionException {
    assertThat(live).as("answers from %s", tool).hasSameSizeAs(pairs);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      int ours = Integer.signum(scheme.compare(p.a(), p.b()));
      if (ours != live.get(i) || (p.recorded() != null && !p.recorded().equals(live.get(i)))) {
        wrong.add(p.a() + " vs " + p.b() + ": " + tool + " " + live.get(i) + ", ours " + ours
            + (p.recorded() == null ? "" : ", table " + p.recorded()));
      }
    }
    assertThat(wrong).as("disagreements with %s over %d pairs", tool, pairs.size()).isEmpty();
    assertThat(pairs.size()).isGreaterThanOrEqualTo(3000);
  }

  @Test
  void dpkgCompareVersions() throws Exception {
    List<Pair> pairs = pairs("dpkg-oracle.tsv");
    // One shell for all pairs; dpkg itself runs once or twice per pair.
    String script = "while IFS=\"$(printf '\\t')\" read -r a b; do "
        + "if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1; "
        + "elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0; else echo 1; fi; done";
    StringBuilder in = new StringBuilder();
    pairs.forEach(p -> in.append(p.a()).append('\t').append(p.b()).append('\n'));
    assertAgree("dpkg --compare-versions", DebianVersion.INSTANCE, pairs,
        parse(run(List.of("bash", "-c", script), in.toString()), "\n"));
  }

  @Test
  void rpmVercmp() throws Exception {
    List<Pair> pairs = pairs("rpm-oracle.tsv");
    List<Integer> live = new ArrayList<>();
    // rpm --eval takes the Lua chunk as one argument (at most 128 KiB): 500 pairs per call.
    for (int from = 0; from < pairs.size(); from += 500) {
      StringBuilder lua = new StringBuilder("%{lua: ");
      for (Pair p : pairs.subList(from, Math.min(pairs.size(), from + 500))) {
        assertThat(p.a() + p.b()).doesNotContain("]==]");
        lua.append("print(rpm.vercmp([==[").append(p.a()).append("]==], [==[").append(p.b()).append("]==]) .. ',') ");
      }
      lua.append('}');
      live.addAll(parse(run(List.of("rpm", "--eval", lua.toString()), ""), ","));
    }
    assertAgree("rpm.vercmp", RpmVersion.INSTANCE, pairs, live);
  }

  @Test
  void npmSemver() throws Exception {
    Optional<Path> semver = npmSemverPackage();
    Assumptions.assumeTrue(semver.isPresent(), "node with npm's bundled semver not found: only the committed table checks SemVer");
    List<Pair> pairs = pairs("npm-semver-oracle.tsv");
    String js = "const s = require(" + quote(semver.get().toString()) + ");"
        + "const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(l => l.length);"
        + "console.log(lines.map(l => { const [a, b] = l.split('\\t'); return s.compare(a, b); }).join('\\n'));";
    StringBuilder in = new StringBuilder();
    pairs.forEach(p -> in.append(p.a()).append('\t').append(p.b()).append('\n'));
    assertAgree("node semver", SemVerScheme.INSTANCE, pairs, parse(run(List.of("node", "-e", js), in.toString()), "\n"));
  }

  /** npm's own copy of semver, wherever this machine's npm lives. */
  private static Optional<Path> npmSemverPackage() throws IOException, InterruptedException {
    if (!onPath("node") || !onPath("npm")) {
      return Optional.empty();
    }
    Path root = Path.of(run(List.of("npm", "root", "-g"), "").strip());
    for (Path p : List.of(root.resolve("npm/node_modules/semver"), Path.of("/usr/share/nodejs/semver"))) {
      if (Files.isRegularFile(p.resolve("package.json"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static List<Integer> parse(String out, String separator) {
    List<Integer> r = new ArrayList<>();
    for (String t : out.split(separator)) {
      if (!t.isBlank()) {
        r.add(Integer.signum(Integer.parseInt(t.strip())));
      }
    }
    return r;
  }

  private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread feeder = Thread.ofVirtual().start(() -> {
      try (OutputStream o = p.getOutputStream()) {
        o.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // the process exited early: its exit status tells
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command.get(0)).isTrue();
    feeder.join();
    assertThat(p.exitValue()).as("exit status of %s", command).isZero();
    return out;
  }
}
