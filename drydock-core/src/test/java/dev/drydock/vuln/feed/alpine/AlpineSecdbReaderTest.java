package dev.drydock.vuln.feed.alpine;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alpine secdb: secfixes become fixed ranges per release; "0" means never affected. */
class AlpineSecdbReaderTest {

  private static final Path SECDB = feed("alpine/v3.19-main-excerpt.json");

  @TempDir Path tmp;

  private static CollectingSink read(Path input) throws IOException {
    CollectingSink sink = new CollectingSink();
    new AlpineSecdbReader().read(input, input.toString(), sink);
    return sink;
  }

  @Test
  void eachFixedIdIsAnAdvisoryForTheRelease() throws IOException {
    CollectingSink sink = read(SECDB);
    assertThat(sink.advisories).hasSize(24);
    Advisory a = sink.get("CVE-2023-5678");
    assertThat(a.source()).isEqualTo("alpine-secdb");
    assertThat(a.severity()).isEqualTo(Severity.UNKNOWN);
    assertThat(a.severitySource()).isEqualTo("none");
    assertThat(a.references()).containsExactly("https://security.alpinelinux.org/vuln/CVE-2023-5678");
    assertThat(a.affected()).singleElement().satisfies(f -> {
      assertThat(f.ecosystem()).isEqualTo("Alpine:v3.19");
      assertThat(f.packageName()).isEqualTo("openssl");
      assertThat(f.state()).isEqualTo(Affected.FixState.RANGES);
      assertThat(f.ranges()).containsExactly(new Range(Range.Type.ECOSYSTEM,
          List.of(new Event(Kind.INTRODUCED, "0"), new Event(Kind.FIXED, "3.1.4-r1"))));
    });
    assertThat(sink.get("CVE-2020-28928").affected().get(0).ranges().get(0).events())
        .contains(new Event(Kind.FIXED, "1.2.2_pre2-r0"));
  }

  @Test
  void severalIdsOnOneLineAreEachImportedAndAliasEachOther() throws IOException {
    CollectingSink sink = read(SECDB);
    assertThat(sink.get("CVE-2023-20593").aliases()).containsExactly("XSA-433");
    assertThat(sink.get("XSA-433").aliases()).containsExactly("CVE-2023-20593");
    assertThat(sink.get("XSA-447").affected().get(0).packageName()).isEqualTo("xen");
  }

  @Test
  void versionZeroMeansNeverAffected() throws IOException {
    CollectingSink sink = read(SECDB);
    assertThat(sink.advisories).extracting(Advisory::id).doesNotContain("CVE-2023-45853", "CVE-2023-6992");
    assertThat(sink.skipped).containsExactly(java.util.Map.entry("package not affected (secfixes version 0)", 2L));
  }

  @Test
  void packagesBeforeDistroversionAreHeldBack() throws IOException {
    Path f = Files.writeString(tmp.resolve("reordered.json"), """
        {"packages": [{"pkg": {"name": "busybox", "secfixes": {"1.36.1-r6": ["CVE-2023-42363"]}}}],
         "distroversion": "v3.20", "reponame": "main"}""");
    assertThat(read(f).get("CVE-2023-42363").affected().get(0).ecosystem()).isEqualTo("Alpine:v3.20");
  }

  @Test
  void malformedRecordsNameThePackage() throws IOException {
    Path f = Files.writeString(tmp.resolve("bad.json"), """
        {"distroversion": "v3.19", "packages": [
          {"pkg": {"name": "musl", "secfixes": {"1.1.23-r2": ["CVE-2019-14697"]}}},
          {"pkg": {"name": "openssl", "secfixes": {"3.1.4-r1": "CVE-2023-5678"}}}]}""");
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessage(f + ": record 2 (openssl): pkg.secfixes.3.1.4-r1: expected an array, found a string");
    Path g = Files.writeString(tmp.resolve("noname.json"), """
        {"distroversion": "v3.19", "packages": [{"pkg": {"secfixes": {}}}]}""");
    assertThatThrownBy(() -> read(g)).isInstanceOf(FeedException.class)
        .hasMessage(g + ": record 1: pkg.name: missing");
  }

  @Test
  void truncatedFileAndMissingReleaseAreErrors() throws IOException {
    String json = Files.readString(SECDB);
    Path f = Files.writeString(tmp.resolve("cut.json"), json.substring(0, json.indexOf("\"xen\"") + 10));
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessageStartingWith(f + ": record 3: malformed JSON: ");
    Path g = Files.writeString(tmp.resolve("norelease.json"), "{\"reponame\": \"main\", \"packages\": []}");
    assertThatThrownBy(() -> read(g)).isInstanceOf(FeedException.class)
        .hasMessage(g + ": no distroversion: cannot tell which Alpine release the fixes are for");
  }
}
