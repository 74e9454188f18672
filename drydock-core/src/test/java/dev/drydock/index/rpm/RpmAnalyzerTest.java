package dev.drydock.index.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.OsRelease;
import dev.drydock.index.Package;
import dev.drydock.index.PackageUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rpm analyzer against its fixtures (see their README.md): two sets of packages installed by rpm
 * 4.18 into sqlite databases ({@code sqlite} and {@code sysimage-sqlite}), the same header blobs in
 * Berkeley DB files written by Berkeley DB 5.3's {@code db_load} ({@code bdb*}), in NDB files
 * written by an rpm 4.18 built with NDB support ({@code ndb-rpmbuilt}, {@code ndb-erased}, …) and
 * by our own {@link RpmNdbWriter} ({@code ndb}, not by rpm), and damaged copies of them.
 */
class RpmAnalyzerTest {

  static Stream<Path> cases() {
    return AnalyzerFixtures.cases("rpm");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixture(Path caseDir) throws IOException {
    AnalyzerFixtures.assertMatchesWant(new RpmAnalyzer(), caseDir);
  }

  /** {@code rpm -qa} over the database when the fixture was built, minus gpg-pubkey. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "bdb"})
  void matchesRpmQuery(String caseName) throws IOException {
    Path caseDir = RpmTestData.DIR.resolve(caseName);
    List<String> oracle = Files.readAllLines(caseDir.resolve("oracle.tsv"));
    assertThat(oracle).anyMatch(l -> l.startsWith("gpg-pubkey\t"));
    List<String> want = oracle.stream().filter(l -> !l.startsWith("gpg-pubkey\t")).sorted().toList();

    List<String> got = AnalyzerFixtures.run(new RpmAnalyzer(), caseDir).packages().stream()
        .map(RpmAnalyzerTest::asQueryFormat)
        .sorted()
        .toList();

    assertThat(got).isEqualTo(want).hasSize(6);
  }

  /** As {@code rpm -qa --qf '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\n'} prints it. */
  private static String asQueryFormat(Package p) {
    return String.join("\t", p.name(), p.attributes().getOrDefault("epoch", "(none)"), p.attributes().get("version"),
        p.attributes().get("release"), p.arch() == null ? "(none)" : p.arch(),
        p.attributes().getOrDefault("sourceRpm", "(none)"));
  }

  /** Each set of fixtures holds the same header blobs in every format: the same packages, in the same order. */
  @ParameterizedTest
  @CsvSource({
      "sqlite, bdb, 6",
      "sqlite, bdb-bigendian, 6",
      "sqlite, bdb-checksum, 6",
      "sqlite, ndb, 6",
      "sqlite, bdb-erased, 6",
      "sysimage-sqlite, bdb-overflow, 5",
      "sysimage-sqlite, bdb-inline, 5",
      "sysimage-sqlite, bdb-bigendian-chksum, 5",
      "sysimage-sqlite, ndb-rpmbuilt, 5",
  })
  void allFormatsYieldTheSamePackages(String sqliteCase, String caseName, int count) throws IOException {
    AnalysisResult sqlite = AnalyzerFixtures.run(new RpmAnalyzer(), RpmTestData.DIR.resolve(sqliteCase));
    AnalysisResult other = AnalyzerFixtures.run(new RpmAnalyzer(), RpmTestData.DIR.resolve(caseName));

    assertThat(other.diagnostics()).isEmpty();
    assertThat(other.packages()).hasSize(count);
    assertThat(other.packages().stream().map(RpmTestData::withoutPath).toList())
        .isEqualTo(sqlite.packages().stream().map(RpmTestData::withoutPath).toList());
  }

  /**
   * What the analyzer reports must give the purls matchers expect once layers are merged: the
   * epoch as a qualifier, and a source package of another name as {@code upstream} (its version
   * carries the binary's epoch, so it equals the binary's and is left out).
   */
  @ParameterizedTest
  @CsvSource({
      "hello,        pkg:rpm/rhel/hello@2.12.1-4.fc40?arch=x86_64&distro=rhel-9.3",
      "hello-libs,   pkg:rpm/rhel/hello-libs@2.12.1-4.fc40?arch=x86_64&distro=rhel-9.3&upstream=hello",
      "openssl-libs, pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=openssl",
      "tzdata,       pkg:rpm/rhel/tzdata@2024a-1.el9?arch=noarch&distro=rhel-9.3",
  })
  void packageUrls(String name, String purl) throws IOException {
    OsRelease rhel = new OsRelease("rhel", "9.3", null, null, List.of("fedora"));
    Package p = AnalyzerFixtures.run(new RpmAnalyzer(), RpmTestData.DIR.resolve("sysimage-sqlite")).packages().stream()
        .filter(x -> x.name().equals(name))
        .findFirst()
        .orElseThrow();

    assertThat(PackageUrls.of(p, rhel)).isEqualTo(purl);
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/rpm/Packages, true",
      "var/lib/rpm/Packages.db, true",
      "var/lib/rpm/rpmdb.sqlite, true",
      "usr/lib/sysimage/rpm/Packages, true",
      "usr/lib/sysimage/rpm/Packages.db, true",
      "usr/lib/sysimage/rpm/rpmdb.sqlite, true",
      "var/lib/rpm/Name, false",
      "var/lib/rpm/rpmdb.sqlite-wal, true",
      "usr/lib/sysimage/rpm/rpmdb.sqlite-wal, true",
      "var/lib/rpm/rpmdb.sqlite-shm, false",
      "opt/var/lib/rpm/rpmdb.sqlite-wal, false",
      "var/lib/rpm/Index.db, false",
      "opt/var/lib/rpm/Packages, false",
      "root/rpm/Packages, false",
      "var/lib/rpm/Packages/x, false",
  })
  void wantsOnlyTheDatabases(String path, boolean wanted) {
    assertThat(new RpmAnalyzer().wants(FileEntry.regular(path, 1))).isEqualTo(wanted);
  }

  /** With a 1 KiB memory limit every database goes through the temporary file: same result, no file left. */
  @ParameterizedTest
  @MethodSource("dev.drydock.index.rpm.RpmTestData#databases")
  void spoolingToDiskGivesTheSameResult(Path caseDir, Path db, @TempDir Path tmp) throws IOException {
    byte[] content = Files.readAllBytes(db);
    String path = RpmTestData.relative(db);
    RpmAnalyzer spooling = new RpmAnalyzer(new RpmLimits(1024, 2L << 30, 64 << 20, tmp));

    AnalysisResult onDisk = RpmTestData.analyze(spooling, path, content);

    assertThat(onDisk).isEqualTo(RpmTestData.analyze(new RpmAnalyzer(), path, content));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("temporary files left in %s", tmp).isEmpty();
    }
  }

  /**
   * One byte over the limit, any database (the garbage ones too) is refused before it is parsed:
   * the message is the size limit, never a format error. At exactly the limit it is read as usual.
   * Both with the declared size (refused at once) and without it (refused when the bytes pass the
   * limit).
   */
  @ParameterizedTest
  @MethodSource("dev.drydock.index.rpm.RpmTestData#databases")
  void databaseOverTheLimitIsReportedNotRead(Path caseDir, Path db, @TempDir Path tmp) throws IOException {
    byte[] content = Files.readAllBytes(db);
    String path = RpmTestData.relative(db);
    long limit = content.length - 1;
    RpmAnalyzer small = new RpmAnalyzer(new RpmLimits(1024, limit, 64 << 20, tmp));

    for (long declared : new long[] {content.length, 0}) {
      AnalysisResult r = RpmTestData.analyze(small, path, content, declared);

      assertThat(r.packages()).isEmpty();
      assertThat(r.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
        assertThat(d.message()).contains("not analysed", "more than " + limit + " bytes");
        assertThat(d.path()).isEqualTo(path);
      });
    }
    RpmAnalyzer exact = new RpmAnalyzer(new RpmLimits(1024, content.length, 64 << 20, tmp));
    assertThat(RpmTestData.analyze(exact, path, content)).isEqualTo(RpmTestData.analyze(new RpmAnalyzer(), path, content));
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  /** Headers over the per-header limit are named in diagnostics; the others are still reported. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "bdb", "bdb-bigendian", "bdb-checksum", "ndb"})
  void headerOverTheLimitIsReportedNotRead(String caseName, @TempDir Path tmp) throws IOException {
    RpmAnalyzer analyzer = new RpmAnalyzer(new RpmLimits(4 << 20, 2L << 30, 1500, tmp));

    AnalysisResult r = AnalyzerFixtures.run(analyzer, RpmTestData.DIR.resolve(caseName));

    // hello-tool (1836 bytes) and the gpg-pubkey (2724 bytes) exceed 1500 bytes.
    assertThat(r.packages()).extracting(Package::name)
        .containsExactly("multi-libs", "multi-devel", "zeroepoch", "epochpkg", "data-files");
    assertThat(r.diagnostics()).hasSize(2).allSatisfy(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.message()).contains("exceeds the limit of 1500 bytes");
    });
  }

  @Test
  void corruptHeaderRecordsAreNamedAndTheOthersReported() throws IOException {
    AnalysisResult r = AnalyzerFixtures.run(new RpmAnalyzer(), RpmTestData.DIR.resolve("sqlite-badheader"));

    assertThat(r.packages()).extracting(Package::name)
        .containsExactly("multi-libs", "zeroepoch", "hello-tool", "data-files");
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "rpm sqlite database: package header #3 unreadable: index entry 2 (tag 1000) has data offset 2147483647"
            + " outside the 712-byte data store",
        "rpm sqlite database: package header #6 unreadable: header declares 41 index entries and 652 data bytes"
            + " (1316 bytes in all) but the record holds 1306 bytes");
  }

  /**
   * The {@code sqlite-wal} fixture's log holds one committed frame (the deletion of hnum 1, which
   * rpm itself applies: {@code rpm -qa} over both files lists no nodejs). A log that sqlite would
   * ignore (empty, header only, frames from before a restart, a bad checksum, not a log) changes
   * nothing, so it is not reported.
   */
  @Test
  void writeAheadLogWithValidFramesIsReported() throws IOException {
    byte[] wal = Files.readAllBytes(RpmTestData.DIR.resolve("sqlite-wal/var/lib/rpm/rpmdb.sqlite-wal"));
    String path = "var/lib/rpm/rpmdb.sqlite-wal";

    AnalysisResult r = RpmTestData.analyze(new RpmAnalyzer(), path, wal);

    assertThat(r.packages()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).isEqualTo(path);
      assertThat(d.message()).startsWith("sqlite write-ahead log holds 1 frame of 4096-byte pages");
    });
    // Without a declared size, fed in odd chunks: the same.
    assertThat(RpmTestData.analyze(new RpmAnalyzer(), path, wal, 0)).isEqualTo(r);

    byte[] otherSalt = wal.clone();
    otherSalt[32 + 8] ^= 1;
    byte[] badChecksum = wal.clone();
    badChecksum[32 + 24 + 100] ^= 1;
    byte[] badHeader = wal.clone();
    badHeader[12] ^= 1;
    for (byte[] ignored : List.of(new byte[0], Arrays.copyOf(wal, 32), Arrays.copyOf(wal, wal.length - 1), otherSalt,
        badChecksum, badHeader, new byte[wal.length])) {
      assertThat(RpmTestData.analyze(new RpmAnalyzer(), path, ignored).isEmpty()).isTrue();
    }
  }

  @Test
  void emptyDatabaseHasNoPackagesAndNoDiagnostics() throws IOException {
    assertThat(AnalyzerFixtures.run(new RpmAnalyzer(), RpmTestData.DIR.resolve("sqlite-empty")).isEmpty()).isTrue();
  }
}
