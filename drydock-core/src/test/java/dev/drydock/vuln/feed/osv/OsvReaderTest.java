package dev.drydock.vuln.feed.osv;

import static dev.drydock.vuln.feed.FeedFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.advisory.Range.Event;
import dev.drydock.vuln.advisory.Range.Kind;
import dev.drydock.vuln.feed.FeedException;
import dev.drydock.vuln.feed.FeedFixtures.CollectingSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OSV records from real feeds: files, directory trees, zips (osv.dev's all.zip), gzip. */
class OsvReaderTest {

  @TempDir Path tmp;

  private static CollectingSink read(Path input) throws IOException {
    CollectingSink sink = new CollectingSink();
    new OsvReader().read(input, input.toString(), sink);
    return sink;
  }

  @Test
  void log4shellFromGitHub() throws IOException {
    Advisory a = read(feed("osv/GHSA-jfh8-c2jp-5v3q.json")).get("GHSA-jfh8-c2jp-5v3q");
    assertThat(a.aliases()).containsExactly("CVE-2021-44228");
    assertThat(a.source()).isEqualTo("osv");
    assertThat(a.title()).isEqualTo("Remote code injection in Log4j");
    assertThat(a.description()).startsWith("# Summary\n\nLog4j versions prior to 2.16.0");
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.severitySource()).isEqualTo("ghsa");
    assertThat(a.cvssVector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
    assertThat(a.cvssScore()).isEqualTo(10.0);
    assertThat(a.published()).isEqualTo(Instant.parse("2021-12-10T00:40:56Z"));
    assertThat(a.modified()).isEqualTo(Instant.parse("2022-03-25T20:56:18Z"));
    assertThat(a.references()).hasSize(7).contains("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
    assertThat(a.affected()).hasSize(3).allSatisfy(f -> {
      assertThat(f.ecosystem()).isEqualTo("Maven");
      assertThat(f.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
      assertThat(f.state()).isEqualTo(Affected.FixState.RANGES);
      assertThat(f.severity()).isNull();
    });
    assertThat(a.affected()).extracting(Affected::ranges).containsExactly(
        List.of(ecosystem(new Event(Kind.INTRODUCED, "2.13.0"), new Event(Kind.FIXED, "2.15.0"))),
        List.of(ecosystem(new Event(Kind.INTRODUCED, "0"), new Event(Kind.FIXED, "2.3.1"))),
        List.of(ecosystem(new Event(Kind.INTRODUCED, "2.4"), new Event(Kind.FIXED, "2.12.2"))));
  }

  @Test
  void pypiNamesArePep503Normalised() throws IOException {
    Advisory a = read(feed("osv/GHSA-8q59-q68h-6hv4.json")).get("GHSA-8q59-q68h-6hv4");
    assertThat(a.affected()).singleElement().satisfies(f -> {
      assertThat(f.ecosystem()).isEqualTo("PyPI");
      assertThat(f.packageName()).isEqualTo("pyyaml");
    });
  }

  @Test
  void githubModerateIsMedium() throws IOException {
    Advisory a = read(feed("osv/GHSA-2fhr-8r8r-qp56.json")).get("GHSA-2fhr-8r8r-qp56");
    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.severitySource()).isEqualTo("ghsa");
    assertThat(a.cvssScore()).isEqualTo(5.3);
    assertThat(a.affected()).singleElement().extracting(Affected::ecosystem, Affected::packageName)
        .containsExactly("Packagist", "zendframework/zendframework");
  }

  @Test
  void goRecordWithoutSeverityIsUnknownFromNone() throws IOException {
    Advisory a = read(feed("osv/GO-2022-0969.json")).get("GO-2022-0969");
    assertThat(a.severity()).isEqualTo(Severity.UNKNOWN);
    assertThat(a.severitySource()).isEqualTo("none");
    assertThat(a.cvssVector()).isNull();
    assertThat(a.cvssScore()).isNull();
    assertThat(a.title()).isNull();
    assertThat(a.aliases()).containsExactly("CVE-2022-27664", "GHSA-69cg-p879-7622");
    assertThat(a.affected()).extracting(Affected::packageName).containsExactly("stdlib", "golang.org/x/net");
    assertThat(a.affected().get(0).ranges()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo(Range.Type.SEMVER);
      assertThat(r.events()).containsExactly(new Event(Kind.INTRODUCED, "0"), new Event(Kind.FIXED, "1.18.6"),
          new Event(Kind.INTRODUCED, "1.19.0-0"), new Event(Kind.FIXED, "1.19.1"));
    });
  }

  @Test
  void ubuntuReleasesPriorityAndRelatedCve() throws IOException {
    Advisory a = read(feed("osv/UBUNTU-CVE-2021-44228.json")).get("UBUNTU-CVE-2021-44228");
    assertThat(a.aliases()).containsExactly("CVE-2021-44228");
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.severitySource()).isEqualTo("cvss:3.1");
    assertThat(a.affected()).extracting(Affected::ecosystem)
        .containsExactly("Ubuntu:16.04", "Ubuntu:18.04", "Ubuntu:20.04", "Ubuntu:22.04");
    assertThat(a.affected()).allSatisfy(f -> {
      assertThat(f.packageName()).isEqualTo("apache-log4j2");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.severitySource()).isEqualTo("ubuntu");
    });
    assertThat(a.affected().get(2).versions()).containsExactly("2.11.1-2", "2.11.2-1");
  }

  @Test
  void debianDsaUsesUpstreamIdsAsAliases() throws IOException {
    Advisory a = read(feed("osv/DSA-5020-1.json")).get("DSA-5020-1");
    assertThat(a.aliases()).containsExactly("CVE-2020-9488", "CVE-2021-44228");
    assertThat(a.affected()).extracting(Affected::ecosystem, Affected::packageName).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Debian:10", "apache-log4j2"),
        org.assertj.core.groups.Tuple.tuple("Debian:11", "apache-log4j2"));
  }

  @Test
  void lastAffectedAndVersionsAreKept() throws IOException {
    Advisory a = read(feed("osv/PYSEC-2023-120.json")).get("PYSEC-2023-120");
    assertThat(a.aliases()).containsExactly("CVE-2023-37276", "GHSA-45c4-8wx5-qw6w");
    Affected f = a.affected().get(0);
    assertThat(f.ranges()).containsExactly(ecosystem(new Event(Kind.INTRODUCED, "0"),
        new Event(Kind.LAST_AFFECTED, "3.8.4")));
    assertThat(f.versions()).contains("3.8.0a7", "3.8.4").hasSize(9);
  }

  @Test
  void gitRangesAreKeptAndCounted() throws IOException {
    CollectingSink sink = read(feed("osv/PYSEC-2021-76.json"));
    Affected f = sink.get("PYSEC-2021-76").affected().get(0);
    assertThat(f.ranges()).extracting(Range::type).containsExactly(Range.Type.GIT, Range.Type.ECOSYSTEM);
    assertThat(f.ranges().get(0).events()).containsExactly(new Event(Kind.INTRODUCED, "0"),
        new Event(Kind.FIXED, "2545222a3853e31ace15d87ae0e2effb7da0c96b"));
    assertThat(sink.warnings).containsEntry("GIT range kept (no version semantics)", 1L);
  }

  @Test
  void unsupportedEcosystemsAreCountedNotImported() throws IOException {
    CollectingSink sink = read(feed("osv/GHSA-mj35-2rgf-cv8p.json"));
    assertThat(sink.advisories).isEmpty();
    assertThat(sink.skipped).containsEntry("unsupported ecosystem Hex", 3L)
        .containsEntry("advisory without an importable affected package", 1L);
  }

  @Test
  void directoryTreeAndZipGiveTheSameAdvisories() throws IOException {
    CollectingSink fromDir = read(feed("osv"));
    Path zip = zipOf(feed("osv"), tmp.resolve("all.zip"));
    CollectingSink fromZip = read(zip);
    assertThat(fromDir.advisories).hasSize(10);
    assertThat(fromZip.advisories).containsExactlyElementsOf(fromDir.advisories);
    assertThat(fromZip.skipped).isEqualTo(fromDir.skipped);
    assertThat(fromDir.advisories).extracting(Advisory::id).contains("GHSA-jfh8-c2jp-5v3q", "RUSTSEC-2023-0044");
    assertThat(fromDir.get("RUSTSEC-2023-0044").affected()).singleElement()
        .extracting(Affected::ecosystem, Affected::packageName).containsExactly("crates.io", "openssl");
  }

  @Test
  void arrayOfRecordsAndGzip() throws IOException {
    String array = "[" + Files.readString(feed("osv/GHSA-p6mc-m468-83gw.json")) + ","
        + Files.readString(feed("osv/GO-2022-0969.json")) + "]";
    Path gz = tmp.resolve("records.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(array.getBytes(StandardCharsets.UTF_8));
    }
    CollectingSink sink = read(gz);
    assertThat(sink.advisories).extracting(Advisory::id).containsExactly("GHSA-p6mc-m468-83gw", "GO-2022-0969");
    assertThat(sink.get("GHSA-p6mc-m468-83gw").affected()).extracting(Affected::packageName)
        .containsExactly("lodash", "lodash-es");
  }

  // Constructed records for cases the real fixtures do not cover.

  @Test
  void withdrawnRecordsAreCounted() throws IOException {
    CollectingSink sink = readString("""
        {"id": "GHSA-0000-0000-0001", "withdrawn": "2024-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": ["1.0.0"]}]}""");
    assertThat(sink.advisories).isEmpty();
    assertThat(sink.skipped).containsEntry("withdrawn advisory", 1L);
  }

  @Test
  void cvssV4IsPreferredOverV3AndV2() throws IOException {
    Advisory a = readString("""
        {"id": "TEST-1", "modified": "2024-01-01T00:00:00Z",
         "severity": [{"type": "CVSS_V2", "score": "AV:N/AC:L/Au:N/C:P/I:P/A:P"},
                      {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H"},
                      {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
         "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"limit": "2.0.0"}]}]}]}""")
        .get("TEST-1");
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.severitySource()).isEqualTo("cvss:4.0");
    assertThat(a.cvssScore()).isEqualTo(9.3);
    assertThat(a.affected().get(0).ranges().get(0).events()).containsExactly(new Event(Kind.INTRODUCED, "0"),
        new Event(Kind.LIMIT, "2.0.0"));
  }

  @Test
  void cvssV2AloneAndInvalidVectorsAreWarned() throws IOException {
    CollectingSink sink = readString("""
        {"id": "TEST-2", "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N"},
                                      {"type": "CVSS_V2", "score": "AV:N/AC:M/Au:N/C:P/I:N/A:N"},
                                      {"type": "Unknown", "score": "9"}],
         "affected": [{"package": {"ecosystem": "Maven", "name": "g:a"}, "versions": ["1"]},
                      {"package": {"ecosystem": "Maven:https://repo.example", "name": "g:a"}, "versions": ["1"]},
                      {"package": {"ecosystem": "Debian", "name": "x"}, "versions": ["1"]},
                      {"ranges": [{"type": "GIT", "repo": "https://x", "events": [{"introduced": "0"}]}]},
                      {"package": {"ecosystem": "npm", "name": "y"}, "ranges": [{"type": "SEMVER", "events": [{"broken": "1"}]}]}]}""");
    Advisory a = sink.get("TEST-2");
    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(a.severitySource()).isEqualTo("cvss:2.0");
    assertThat(a.cvssVector()).isEqualTo("AV:N/AC:M/Au:N/C:P/I:N/A:N");
    assertThat(a.affected()).hasSize(1);
    assertThat(sink.warnings).containsEntry("invalid CVSS_V3 vector ignored", 1L)
        .containsEntry("unknown severity type Unknown ignored", 1L);
    assertThat(sink.skipped).containsEntry("unsupported ecosystem Maven:https://repo.example", 1L)
        .containsEntry("ecosystem Debian without a release", 1L)
        .containsEntry("affected entry without a package", 1L)
        .containsEntry("affected entry with an unknown range event broken", 1L);
  }

  @Test
  void perPackageSeverityAndDebianUrgency() throws IOException {
    Advisory a = readString("""
        {"id": "DEBIAN-CVE-2024-0001", "upstream": ["CVE-2024-0001"],
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"}, "versions": ["3.0.11-1~deb12u2"],
                       "ecosystem_specific": {"urgency": "low**"}},
                      {"package": {"ecosystem": "Alpine:v3.19", "name": "openssl"}, "versions": ["3.1.4-r0"],
                       "database_specific": {"severity": "HIGH"}}]}""").get("DEBIAN-CVE-2024-0001");
    assertThat(a.aliases()).containsExactly("CVE-2024-0001");
    assertThat(a.affected()).extracting(Affected::ecosystem, Affected::severity, Affected::severitySource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Debian:12", Severity.LOW, "debian-urgency"),
            org.assertj.core.groups.Tuple.tuple("Alpine:v3.19", Severity.HIGH, "debian"));
  }

  // Malformed input: one clear error naming the file and the record.

  @Test
  void recordWithoutIdNamesFileAndPosition() throws IOException {
    Path f = write("two.json", "[" + Files.readString(feed("osv/GO-2022-0969.json")) + ", {\"summary\": \"no id\"}]");
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessage(f + ": record 2: id: missing")
        .satisfies(e -> assertThat(((FeedException) e).record()).isEqualTo(2));
  }

  @Test
  void wrongTypeNamesThePath() throws IOException {
    Path f = write("bad.json", """
        {"id": "GHSA-bad", "affected": [{"package": {"ecosystem": "npm", "name": "x"},
         "ranges": [{"type": "SEMVER", "events": "introduced 0"}]}]}""");
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessage(f + ": record 1 (GHSA-bad): affected[0].ranges[0].events: expected an array, found a string");
  }

  @Test
  void brokenJsonMidRecordNamesTheRecordIdWhenItWasRead() throws IOException {
    Path f = write("broken.json", "[" + Files.readString(feed("osv/GO-2022-0969.json"))
        + ", {\"id\": \"GHSA-half\", \"affected\": [{\"package\": {\"ecosystem\": \"npm\",, }]}]");
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessageStartingWith(f + ": record 2 (GHSA-half): malformed JSON: ")
        .hasMessageContaining("line ");
  }

  @Test
  void brokenZipEntryNamesTheEntry() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tree"));
    Files.copy(feed("osv/GO-2022-0969.json"), dir.resolve("GO-2022-0969.json"));
    Files.writeString(dir.resolve("PYSEC-0000-1.json"), "{\"id\": \"PYSEC-0000-1\", \"aliases\": [1]}");
    Path zip = zipOf(dir, tmp.resolve("all.zip"));
    assertThatThrownBy(() -> read(zip)).isInstanceOf(FeedException.class)
        .hasMessage(zip + "!/PYSEC-0000-1.json: record 2 (PYSEC-0000-1): aliases[0]: expected a string, found a number");
  }

  @Test
  void duplicateKeysAreRejected() throws IOException {
    Path f = write("dup.json", "{\"id\": \"GHSA-dup\", \"summary\": \"a\", \"summary\": \"b\"}");
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessageContaining("record 1 (GHSA-dup): malformed JSON: Duplicate field 'summary'");
  }

  private CollectingSink readString(String json) throws IOException {
    return read(write("record.json", json));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }

  private static Range ecosystem(Event... events) {
    return new Range(Range.Type.ECOSYSTEM, List.of(events));
  }

  static Path zipOf(Path dir, Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.putNextEntry(new ZipEntry(f.getFileName().toString()));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return zip;
  }
}
