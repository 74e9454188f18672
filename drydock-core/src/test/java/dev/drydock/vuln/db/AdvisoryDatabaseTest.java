package dev.drydock.vuln.db;

import static dev.drydock.vuln.feed.FeedFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.feed.FeedException;
import dev.drydock.vuln.feed.FeedInput;
import dev.drydock.vuln.feed.FeedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importing feeds into the SQLite database and the lookups the matcher makes. */
class AdvisoryDatabaseTest {

  static final Path OSV = feed("osv");
  static final Path DEBIAN = feed("debian/tracker-excerpt.json");
  static final Path ALPINE = feed("alpine/v3.19-main-excerpt.json");

  @TempDir Path tmp;

  private AdvisoryDatabase open() throws IOException {
    return AdvisoryDatabase.open(tmp.resolve("db/advisories.db"));
  }

  @Test
  void importsEveryKindAndReportsWhatItSkipped() throws IOException {
    try (AdvisoryDatabase db = open()) {
      List<ImportResult> results = db.importFiles(List.of(OSV, DEBIAN, ALPINE));
      assertThat(results).extracting(ImportResult::kind)
          .containsExactly(FeedKind.OSV, FeedKind.DEBIAN_TRACKER, FeedKind.ALPINE_SECDB);
      ImportResult osv = results.get(0);
      assertThat(osv.source()).isEqualTo(OSV.toAbsolutePath().normalize().toString());
      assertThat(osv.advisories()).isEqualTo(10);
      assertThat(osv.skipped()).containsEntry("unsupported ecosystem Hex", 3L)
          .containsEntry("advisory without an importable affected package", 1L);
      assertThat(osv.warnings()).containsEntry("GIT range kept (no version semantics)", 1L);
      assertThat(osv.sha256()).isEqualTo(FeedInput.sha256(OSV));
      ImportResult debian = results.get(1);
      assertThat(debian.advisories()).isEqualTo(8);
      assertThat(debian.merged()).isEqualTo(1);
      assertThat(debian.affected()).isEqualTo(20);
      assertThat(debian.skipped()).containsExactly(Map.entry("release not affected (fixed_version 0)", 1L));
      ImportResult alpine = results.get(2);
      assertThat(alpine.advisories()).isEqualTo(24);
      assertThat(alpine.skippedTotal()).isEqualTo(2);

      DatabaseStatus status = db.status();
      assertThat(status.schemaVersion()).isEqualTo(AdvisoryDatabase.SCHEMA_VERSION);
      assertThat(status.builtAt()).isNotNull();
      assertThat(status.advisories()).isEqualTo(42);
      assertThat(status.sources()).extracting(SourceStatus::kind)
          .containsExactlyInAnyOrder(FeedKind.OSV, FeedKind.DEBIAN_TRACKER, FeedKind.ALPINE_SECDB);
      assertThat(status.ecosystems()).containsOnlyKeys("Alpine:v3.19", "Debian:10", "Debian:11", "Debian:12",
          "Debian:13", "Debian:sid", "Go", "Maven", "Packagist", "PyPI", "Ubuntu:16.04", "Ubuntu:18.04",
          "Ubuntu:20.04", "Ubuntu:22.04", "crates.io", "npm");
      assertThat(status.ecosystems()).containsEntry("Alpine:v3.19", 24L).containsEntry("Maven", 3L);
      assertThat(osv.ecosystems()).containsEntry("PyPI", 3L);
      SourceStatus s = db.source(DEBIAN.toAbsolutePath().normalize().toString()).orElseThrow();
      assertThat(s.sha256()).isEqualTo(FeedInput.sha256(DEBIAN));
      assertThat(s.location()).isEqualTo(DEBIAN.toAbsolutePath().normalize().toString());
      assertThat(s.etag()).isNull();
      assertThat(s.skipped()).containsEntry("release not affected (fixed_version 0)", 1L);
    }
  }

  @Test
  void lookupReturnsAffectedEntriesWithTheirAdvisory() throws IOException {
    try (AdvisoryDatabase db = open()) {
      db.importFiles(List.of(OSV, DEBIAN, ALPINE));
      Map<String, List<Candidate>> maven = db.affecting("Maven",
          List.of("org.apache.logging.log4j:log4j-core", "org.example:absent"));
      assertThat(maven).containsOnlyKeys("org.apache.logging.log4j:log4j-core");
      List<Candidate> log4j = maven.get("org.apache.logging.log4j:log4j-core");
      assertThat(log4j).hasSize(3).allSatisfy(c -> {
        assertThat(c.advisory()).isSameAs(log4j.get(0).advisory());
        assertThat(c.advisory().id()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
        assertThat(c.advisory().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(c.advisory().severitySource()).isEqualTo("ghsa");
        assertThat(c.advisory().cvssScore()).isEqualTo(10.0);
        assertThat(c.advisory().aliases()).containsExactly("CVE-2021-44228");
        assertThat(c.advisory().affected()).isEmpty();
        assertThat(c.source()).endsWith("osv");
      });
      assertThat(log4j).extracting(c -> c.affected().ranges().get(0).events().get(1).version())
          .containsExactlyInAnyOrder("2.15.0", "2.3.1", "2.12.2");

      Map<String, List<Candidate>> bookworm = db.affecting("Debian:12", List.of("glibc", "bash", "openssl", "edk2", "zlib"));
      assertThat(bookworm).containsOnlyKeys("glibc", "bash", "openssl", "edk2");
      assertThat(bookworm.get("glibc")).extracting(c -> c.advisory().id(), c -> c.affected().state())
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CVE-2010-4756", Affected.FixState.WILL_NOT_FIX),
              org.assertj.core.groups.Tuple.tuple("CVE-2023-4911", Affected.FixState.RANGES));
      Candidate edk2 = bookworm.get("edk2").get(0);
      assertThat(edk2.advisory().id()).isEqualTo("CVE-2023-0286");
      assertThat(edk2.affected().severity()).isEqualTo(Severity.MEDIUM);
      assertThat(edk2.affected().severitySource()).isEqualTo("debian-urgency");
      assertThat(db.affecting("Debian:11", List.of("glibc"))).isEmpty();

      assertThat(db.affecting("Alpine:v3.19", List.of("openssl")).get("openssl")).hasSize(13);
      assertThat(db.affecting("PyPI", List.of("pyyaml")).get("pyyaml")).singleElement()
          .satisfies(c -> assertThat(c.affected().ranges().get(0).type()).isEqualTo(Range.Type.ECOSYSTEM));
      assertThat(db.affecting("Ubuntu:20.04", List.of("apache-log4j2")).get("apache-log4j2")).singleElement()
          .satisfies(c -> assertThat(c.affected().versions()).containsExactly("2.11.1-2", "2.11.2-1"));
      assertThat(db.affecting("npm", List.of())).isEmpty();
    }
  }

  @Test
  void lookupsBatchAnyNumberOfNames() throws IOException {
    try (AdvisoryDatabase db = open()) {
      db.importFile(OSV);
      List<String> names = new ArrayList<>(IntStream.range(0, 1200).mapToObj(i -> "pkg-" + i).toList());
      names.set(0, "lodash");
      names.set(700, "lodash-es");
      names.set(1199, "lodash");
      assertThat(db.affecting("npm", names)).containsOnlyKeys("lodash", "lodash-es")
          .allSatisfy((k, v) -> assertThat(v).hasSize(1));
    }
  }

  @Test
  void findByIdOrAliasAcrossSources() throws IOException {
    try (AdvisoryDatabase db = open()) {
      db.importFiles(List.of(OSV, DEBIAN, ALPINE));
      assertThat(db.find("CVE-2021-44228")).extracting(Advisory::id)
          .containsExactly("DSA-5020-1", "GHSA-jfh8-c2jp-5v3q", "UBUNTU-CVE-2021-44228");
      List<Advisory> openssl = db.find("CVE-2023-0286");
      assertThat(openssl).extracting(Advisory::source).containsExactly("debian-tracker", "alpine-secdb");
      Advisory debian = openssl.get(0);
      assertThat(debian.affected()).extracting(Affected::packageName)
          .containsExactly("openssl", "openssl", "openssl", "edk2", "edk2");
      assertThat(debian.description()).startsWith("There is a type confusion vulnerability");
      Advisory go = db.find("GO-2022-0969").get(0);
      assertThat(go.modified()).isEqualTo(java.time.Instant.parse("0001-01-01T00:00:00Z"));
      assertThat(go.cvssScore()).isNull();
      assertThat(db.find("CVE-1999-0001")).isEmpty();
    }
  }

  @Test
  void reimportingASourceReplacesIt() throws IOException {
    try (AdvisoryDatabase db = open()) {
      Path dir = Files.createDirectories(tmp.resolve("osv"));
      Files.copy(OSV.resolve("GHSA-p6mc-m468-83gw.json"), dir.resolve("a.json"));
      Files.copy(OSV.resolve("GO-2022-0969.json"), dir.resolve("b.json"));
      db.importFile(dir, "osv");
      assertThat(db.affecting("Go", List.of("stdlib"))).containsKey("stdlib");
      Files.delete(dir.resolve("b.json"));
      ImportResult again = db.importFile(dir, "osv");
      assertThat(again.advisories()).isEqualTo(1);
      assertThat(db.affecting("Go", List.of("stdlib"))).isEmpty();
      assertThat(db.affecting("npm", List.of("lodash"))).containsKey("lodash");
      assertThat(db.status().sources()).singleElement().extracting(SourceStatus::advisories).isEqualTo(1L);
      assertThat(db.removeSource("osv")).isTrue();
      assertThat(db.removeSource("osv")).isFalse();
      assertThat(db.affecting("npm", List.of("lodash"))).isEmpty();
    }
  }

  @Test
  void malformedFilesLeaveTheDatabaseExactlyAsItWas() throws IOException {
    Path debian = Files.copy(DEBIAN, tmp.resolve("json"));
    Path alpine = Files.copy(ALPINE, tmp.resolve("main.json"));
    Path osvZip = zip(OSV, tmp.resolve("all.zip"), null);
    try (AdvisoryDatabase db = open()) {
      db.importFiles(List.of(osvZip, debian, alpine));
      String before = snapshot(db);

      String tracker = Files.readString(DEBIAN);
      Files.writeString(debian, tracker.substring(0, tracker.indexOf("\"openssl\"") + 40));
      assertThatThrownBy(() -> db.importFile(debian)).isInstanceOf(FeedException.class)
          .hasMessageContaining(debian + ": record 5 (CVE-2010-0928 in openssl): malformed JSON");

      Files.writeString(alpine, Files.readString(ALPINE).replace("\"name\": \"xen\"", "\"name\": 7"));
      assertThatThrownBy(() -> db.importFile(alpine)).isInstanceOf(FeedException.class)
          .hasMessage(alpine + ": record 3: pkg.name: expected a string, found a number");

      zip(OSV, osvZip, "{\"summary\": \"a record without id\"}");
      assertThatThrownBy(() -> db.importFile(osvZip)).isInstanceOf(FeedException.class)
          .hasMessage(osvZip + "!/ZZZ-broken.json: record 12: id: missing");

      Path fresh = Files.writeString(tmp.resolve("fresh.json"), "{\"id\": \"GHSA-x\", \"affected\": {}}");
      assertThatThrownBy(() -> db.importFile(fresh)).isInstanceOf(FeedException.class)
          .hasMessage(fresh + ": record 1 (GHSA-x): affected: expected an array, found an object");

      assertThat(snapshot(db)).isEqualTo(before);
    }
  }

  @Test
  void aFileOfUnknownKindStopsTheWholeBatchBeforeAnythingIsImported() throws IOException {
    Path other = Files.writeString(tmp.resolve("package.json"), "{\"name\": \"x\"}");
    try (AdvisoryDatabase db = open()) {
      assertThatThrownBy(() -> db.importFiles(List.of(DEBIAN, other))).isInstanceOf(FeedException.class)
          .hasMessageStartingWith(other + ": not an OSV record");
      assertThat(db.status().sources()).isEmpty();
      assertThat(db.status().builtAt()).isNull();
    }
  }

  @Test
  void incompatibleFilesAreRefusedWithAClearMessage() throws Exception {
    Path file = tmp.resolve("db/advisories.db");
    try (AdvisoryDatabase db = open()) {
      db.importFile(ALPINE);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    }
    assertThatThrownBy(() -> AdvisoryDatabase.open(file)).isInstanceOf(IncompatibleDatabaseException.class)
        .hasMessage(file + ": advisory database schema version 99, this Drydock reads version 1; delete the file and "
            + "rebuild it (drydock db update or drydock db import)")
        .satisfies(e -> assertThat(((IncompatibleDatabaseException) e).foundVersion()).isEqualTo(99));

    Path foreign = tmp.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE t (x)");
    }
    assertThatThrownBy(() -> AdvisoryDatabase.openReadOnly(foreign)).isInstanceOf(IncompatibleDatabaseException.class)
        .hasMessageStartingWith(foreign + ": not a Drydock advisory database");

    Path text = Files.writeString(tmp.resolve("text.db"), "this is not sqlite, not at all, not even close to it....");
    assertThatThrownBy(() -> AdvisoryDatabase.open(text)).isInstanceOf(AdvisoryDatabaseException.class)
        .hasMessage(text + ": not an SQLite database");
    assertThatThrownBy(() -> AdvisoryDatabase.openReadOnly(tmp.resolve("none.db")))
        .isInstanceOf(AdvisoryDatabaseException.class).hasMessageContaining("no advisory database");
  }

  @Test
  void readersWorkWhileAnotherConnectionImports() throws Exception {
    Path file = tmp.resolve("db/advisories.db");
    try (AdvisoryDatabase writer = open(); AdvisoryDatabase reader = AdvisoryDatabase.openReadOnly(file)) {
      writer.importFile(OSV);
      assertThatThrownBy(() -> reader.importFile(DEBIAN)).isInstanceOf(AdvisoryDatabaseException.class)
          .hasMessageContaining("read-only");
      Thread importer = Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < 5; i++) {
            writer.importFile(DEBIAN);
            writer.importFile(OSV);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      while (importer.isAlive()) {
        assertThat(reader.affecting("Maven", List.of("org.apache.logging.log4j:log4j-core"))).isNotEmpty();
      }
      importer.join();
      assertThat(reader.status().sources()).hasSize(2);
    }
  }

  @Test
  void defaultPathFollowsXdg() {
    Path home = Path.of("/home/u");
    assertThat(AdvisoryDatabase.defaultPath(Map.of("XDG_DATA_HOME", "/data"), home))
        .isEqualTo(Path.of("/data/drydock/advisories.db"));
    assertThat(AdvisoryDatabase.defaultPath(Map.of(), home))
        .isEqualTo(Path.of("/home/u/.local/share/drydock/advisories.db"));
    assertThat(AdvisoryDatabase.defaultPath(Map.of("XDG_DATA_HOME", "relative"), home))
        .isEqualTo(Path.of("/home/u/.local/share/drydock/advisories.db"));
  }

  /** Everything a user can observe, minus times that an import would change. */
  static String snapshot(AdvisoryDatabase db) throws IOException {
    StringBuilder out = new StringBuilder();
    DatabaseStatus st = db.status();
    out.append(st.builtAt()).append(' ').append(st.advisories()).append(' ').append(st.affected()).append('\n');
    for (SourceStatus s : st.sources()) {
      out.append(s).append('\n');
    }
    for (String[] q : new String[][] {{"Maven", "org.apache.logging.log4j:log4j-core"}, {"Debian:12", "openssl"},
        {"Debian:12", "glibc"}, {"Alpine:v3.19", "xen"}, {"Go", "stdlib"}}) {
      out.append(db.affecting(q[0], List.of(q[1]))).append('\n');
    }
    return out.toString();
  }

  /** Zips the JSON files of {@code dir}, plus an entry {@code ZZZ-broken.json} when {@code extra} is given. */
  static Path zip(Path dir, Path zip, String extra) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
        Files.copy(f, out);
      }
      if (extra != null) {
        out.putNextEntry(new ZipEntry("ZZZ-broken.json"));
        out.write(extra.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return zip;
  }
}
