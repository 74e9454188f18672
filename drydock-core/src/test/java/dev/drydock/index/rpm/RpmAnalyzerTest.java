package dev.drydock.index.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RpmAnalyzerTest {

  private static final RpmAnalyzer RPM = new RpmAnalyzer();
  private static final Path TESTDATA = AnalyzerFixtures.TESTDATA.resolve("rpm");

  static Stream<Path> fixtures() {
    return AnalyzerFixtures.cases("rpm");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixtureMatchesWant(Path caseDir) throws IOException {
    AnalyzerFixtures.assertMatchesWant(RPM, caseDir);
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/rpm/rpmdb.sqlite, true",
      "var/lib/rpm/rpmdb.sqlite-wal, true",
      "var/lib/rpm/Packages, true",
      "var/lib/rpm/Packages.db, true",
      "usr/lib/sysimage/rpm/rpmdb.sqlite, true",
      "usr/lib/sysimage/rpm/Packages.db, true",
      "usr/lib/sysimage/rpm/Packages, true",
      "var/lib/rpm/rpmdb.sqlite-shm, false",
      "var/lib/rpm/Name, false",
      "var/lib/rpm/Index.db, false",
      "var/lib/rpm/backup/Packages, false",
      "var/lib/rpmstate/Packages, false",
      "opt/var/lib/rpm/Packages, false",
      "var/lib/dpkg/status, false",
  })
  void wants(String path, boolean wanted) {
    assertThat(RPM.wants(FileEntry.regular(path, 1))).isEqualTo(wanted);
  }

  /** sqlite leaves an empty {@code -wal} behind after a clean checkpoint: nothing to say then. */
  @ParameterizedTest
  @CsvSource({"0", "32"})
  void emptyWriteAheadLogIsFine(int size) {
    assertThat(RPM.analyze("var/lib/rpm/rpmdb.sqlite-wal", new byte[size])).isEqualTo(AnalysisResult.EMPTY);
  }

  /** Every well-formed database of the same rpm transaction lists the same packages. */
  @ParameterizedTest
  @CsvSource({
      "bdb, var/lib/rpm/Packages",
      "bdb-overflow, var/lib/rpm/Packages",
      "bdb-inline, var/lib/rpm/Packages",
      "bdb-bigendian-chksum, var/lib/rpm/Packages",
      "sysimage-sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite",
      "ndb, usr/lib/sysimage/rpm/Packages.db",
  })
  void everyFormatYieldsTheSamePackages(String caseName, String file) throws IOException {
    AnalysisResult reference = analyze("sqlite", "var/lib/rpm/rpmdb.sqlite");
    AnalysisResult other = analyze(caseName, file);
    assertThat(reference.packages()).hasSize(5);
    assertThat(other.diagnostics()).isEmpty();
    assertThat(other.packages().stream().map(RpmAnalyzerTest::withoutPath).toList())
        .isEqualTo(reference.packages().stream().map(RpmAnalyzerTest::withoutPath).toList());
  }

  /** What the analyzer writes must give the purls matchers expect once layers are merged. */
  @ParameterizedTest
  @CsvSource({
      "hello,        pkg:rpm/rhel/hello@2.12.1-4.fc40?arch=x86_64&distro=rhel-9.3",
      "openssl-libs, pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.3&epoch=1&upstream=openssl",
      "tzdata,       pkg:rpm/rhel/tzdata@2024a-1.el9?arch=noarch&distro=rhel-9.3",
  })
  void packageUrls(String name, String purl) throws IOException {
    OsRelease rhel = new OsRelease("rhel", "9.3", null, null, java.util.List.of("fedora"));
    Package p = analyze("sqlite", "var/lib/rpm/rpmdb.sqlite").packages().stream()
        .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    assertThat(PackageUrls.of(p, rhel)).isEqualTo(purl);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "openssl-3.0.7-27.el9.src.rpm, openssl, 3.0.7-27.el9",
      "python3.11-3.11.5-1.el9_3.src.rpm, python3.11, 3.11.5-1.el9_3",
      "nodejs-18.14.2-2.module+el9.1.0+18311+d8ba1e41.src.rpm, nodejs, 18.14.2-2.module+el9.1.0+18311+d8ba1e41",
      "kernel-5.14.0-1.nosrc.rpm, kernel, 5.14.0-1",
      "nodash.src.rpm, null, null",
      "one-dash.src.rpm, null, null",
      "-1-2.src.rpm, null, null",
      "name-1-.src.rpm, null, null",
  })
  void sourceRpmFileNames(String fileName, String name, String versionRelease) {
    RpmAnalyzer.SourceRpm s = RpmAnalyzer.SourceRpm.parse(fileName);
    if (name == null) {
      assertThat(s).isNull();
    } else {
      assertThat(s).isEqualTo(new RpmAnalyzer.SourceRpm(name, versionRelease));
    }
  }

  @ParameterizedTest
  @CsvSource({
      // header bytes as hex: preamble, index, data; what the diagnostic must say
      "'',                                         shorter than its 8-byte preamble",
      "0000000000000000,                           claims 0 index entries",
      "0001000000000000,                           claims 65536 index entries",
      "0000000100000010,                           truncated",
      "0000000100000004000003e800000006000000000000000141424344, not NUL-terminated",
      "0000000100000004000003e800000006000000090000000141424300, points outside the data store",
      "0000000100000004000003e800000004000000000000000141424300, not a string",
      "0000000100000004000003e800000006000000000000000141424300, without a VERSION",
      "00000001000000040000000200000006000000000000000141424300, without a NAME",
  })
  void malformedHeadersBecomeDiagnostics(String hex, String expected) {
    byte[] blob = java.util.HexFormat.of().parseHex(hex);
    assertThatCode(() -> RpmHeader.parse(blob))
        .isInstanceOf(RpmHeader.MalformedHeaderException.class)
        .hasMessageContaining(expected);
  }

  /**
   * Corrupting real databases at random (fixed seeds) must never make the analyzer throw: every
   * outcome is packages and/or diagnostics. Damage that leaves nothing readable must be said.
   */
  @ParameterizedTest
  @CsvSource({
      "bdb, var/lib/rpm/Packages, 400",
      "bdb-overflow, var/lib/rpm/Packages, 400",
      "bdb-bigendian-chksum, var/lib/rpm/Packages, 400",
      "ndb, usr/lib/sysimage/rpm/Packages.db, 400",
      "ndb-erased, var/lib/rpm/Packages.db, 400",
      "sqlite, var/lib/rpm/rpmdb.sqlite, 40",
  })
  void corruptedDatabasesNeverThrow(String caseName, String file, int rounds) throws IOException {
    byte[] original = Files.readAllBytes(TESTDATA.resolve(caseName).resolve(file));
    Random random = new Random(caseName.hashCode());
    for (int round = 0; round < rounds; round++) {
      byte[] bytes = original.clone();
      int flips = 1 + random.nextInt(16);
      for (int i = 0; i < flips; i++) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      byte[] input = bytes;
      AnalysisResult[] result = new AnalysisResult[1];
      assertThatCode(() -> result[0] = RPM.analyze(file, input)).as("round %d", round).doesNotThrowAnyException();
      if (result[0].packages().isEmpty()) {
        assertThat(result[0].diagnostics()).as("round %d: no packages and no word why", round)
            .extracting(Diagnostic::kind).contains(Diagnostic.Kind.INCOMPLETE);
      }
    }
  }

  private static AnalysisResult analyze(String caseName, String file) throws IOException {
    return RPM.analyze(file, Files.readAllBytes(TESTDATA.resolve(caseName).resolve(file)));
  }

  private static Package withoutPath(Package p) {
    return new Package(p.ecosystem(), p.name(), p.version(), p.namespace(), p.arch(), p.sourceName(),
        p.sourceVersion(), "", p.attributes(), p.purl(), p.layer());
  }
}
