package dev.drydock.vuln.feed.debian;

import static dev.drydock.vuln.feed.FeedFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.Affected.FixState;
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

/** The Debian Security Tracker export: statuses, urgencies, no-DSA markers, release numbers. */
class DebianTrackerFeedTest {

  private static final Path TRACKER = feed("debian/tracker-excerpt.json");

  @TempDir Path tmp;

  private static CollectingSink read(Path input) throws IOException {
    CollectingSink sink = new CollectingSink();
    new DebianTrackerReader().read(input, input.toString(), sink);
    return sink;
  }

  private static Affected release(List<Affected> affected, String ecosystem) {
    return affected.stream().filter(a -> a.ecosystem().equals(ecosystem)).findFirst().orElseThrow();
  }

  @Test
  void oneAdvisoryPerPackageAndIssue() throws IOException {
    CollectingSink sink = read(TRACKER);
    assertThat(sink.advisories).extracting(Advisory::id).containsExactly("CVE-2019-18276", "CVE-2022-3715",
        "CVE-2010-4756", "CVE-2023-4911", "CVE-2010-0928", "CVE-2023-0286", "CVE-2024-2511",
        "TEMP-0000000-A1B2C3", "CVE-2023-0286");
    assertThat(sink.advisories).allSatisfy(a -> {
      assertThat(a.source()).isEqualTo("debian-tracker");
      assertThat(a.severity()).isEqualTo(Severity.UNKNOWN);
      assertThat(a.severitySource()).isEqualTo("none");
      assertThat(a.references().get(0)).isEqualTo("https://security-tracker.debian.org/tracker/" + a.id());
    });
    assertThat(sink.skipped).containsExactly(java.util.Map.entry("release not affected (fixed_version 0)", 1L));
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void resolvedIsFixedInTheVersionAndCodenamesBecomeNumbers() throws IOException {
    List<Affected> looney = read(TRACKER).affected("CVE-2023-4911");
    assertThat(looney).extracting(Affected::ecosystem).containsExactly("Debian:12", "Debian:sid");
    Affected bookworm = release(looney, "Debian:12");
    assertThat(bookworm.packageName()).isEqualTo("glibc");
    assertThat(bookworm.state()).isEqualTo(FixState.RANGES);
    assertThat(bookworm.ranges()).containsExactly(new Range(Range.Type.ECOSYSTEM,
        List.of(new Event(Kind.INTRODUCED, "0"), new Event(Kind.FIXED, "2.36-9+deb12u3"))));
    assertThat(bookworm.severity()).isEqualTo(Severity.UNKNOWN);
    assertThat(bookworm.severitySource()).isEqualTo("debian-urgency");
  }

  @Test
  void unimportantOpenIssuesWillNotBeFixed() throws IOException {
    List<Affected> bash = read(TRACKER).affected("CVE-2019-18276");
    assertThat(bash).extracting(Affected::ecosystem, Affected::state, Affected::severity).containsExactly(
        tuple("Debian:12", FixState.WILL_NOT_FIX, Severity.LOW),
        tuple("Debian:11", FixState.WILL_NOT_FIX, Severity.LOW),
        tuple("Debian:sid", FixState.WILL_NOT_FIX, Severity.LOW),
        tuple("Debian:13", FixState.WILL_NOT_FIX, Severity.LOW));
    assertThat(bash.get(0).ranges()).containsExactly(new Range(Range.Type.ECOSYSTEM,
        List.of(new Event(Kind.INTRODUCED, "0"))));
  }

  @Test
  void ignoredNoDsaWillNotBeFixedButPostponedStaysOpen() throws IOException {
    CollectingSink sink = read(TRACKER);
    List<Affected> bash = sink.affected("CVE-2022-3715");
    assertThat(release(bash, "Debian:11").state()).isEqualTo(FixState.WILL_NOT_FIX);
    assertThat(release(bash, "Debian:12").state()).isEqualTo(FixState.RANGES);
    assertThat(sink.get("CVE-2022-3715").references()).containsExactly(
        "https://security-tracker.debian.org/tracker/CVE-2022-3715", "https://bugs.debian.org/1023332");
    Affected postponed = release(sink.affected("CVE-2024-2511"), "Debian:11");
    assertThat(postponed.state()).isEqualTo(FixState.RANGES);
    assertThat(postponed.ranges().get(0).events()).containsExactly(new Event(Kind.INTRODUCED, "0"));
    assertThat(postponed.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void undeterminedAndNvdDerivedUrgencies() throws IOException {
    CollectingSink sink = read(TRACKER);
    Affected temp = sink.get("TEMP-0000000-A1B2C3").affected().get(0);
    assertThat(temp.state()).isEqualTo(FixState.UNDETERMINED);
    assertThat(temp.ecosystem()).isEqualTo("Debian:12");
    Affected edk2 = sink.affected("CVE-2023-0286").stream().filter(a -> a.packageName().equals("edk2"))
        .filter(a -> a.ecosystem().equals("Debian:12")).findFirst().orElseThrow();
    assertThat(edk2.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(edk2.state()).isEqualTo(FixState.RANGES);
    assertThat(sink.affected("CVE-2023-0286")).extracting(Affected::packageName)
        .containsExactly("openssl", "openssl", "openssl", "edk2", "edk2");
  }

  @Test
  void unknownStatusAndUrgencyAreCounted() throws IOException {
    Path f = Files.writeString(tmp.resolve("t.json"), """
        {"curl": {"CVE-2024-0001": {"description": "d", "releases": {
          "bookworm": {"status": "not-affected"},
          "trixie": {"status": "open", "urgency": "urgent", "fixed_version": "8.1-1"},
          "bullseye": {"status": "resolved"}}}}}""");
    CollectingSink sink = read(f);
    assertThat(sink.skipped).containsEntry("release with unknown status not-affected", 1L)
        .containsEntry("resolved release without fixed_version", 1L);
    assertThat(sink.warnings).containsEntry("unknown urgency urgent (severity UNKNOWN)", 1L)
        .containsEntry("fixed_version of an open release ignored", 1L);
    assertThat(sink.get("CVE-2024-0001").affected()).singleElement().extracting(Affected::ecosystem, Affected::severity)
        .containsExactly("Debian:13", Severity.UNKNOWN);
  }

  @Test
  void truncatedFileNamesTheIssueBeingRead() throws IOException {
    String json = Files.readString(TRACKER);
    String cut = json.substring(0, json.indexOf("\"fixed_version\": \"2.36-9+deb12u3\"") + 20);
    Path f = Files.writeString(tmp.resolve("cut.json"), cut);
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessageStartingWith(f + ": record 4 (CVE-2023-4911 in glibc): malformed JSON: ")
        .satisfies(e -> assertThat(((FeedException) e).recordId()).isEqualTo("CVE-2023-4911 in glibc"));
  }

  @Test
  void wrongTypesNameTheField() throws IOException {
    Path f = Files.writeString(tmp.resolve("t.json"), """
        {"bash": {"CVE-2022-3715": {"releases": {"bookworm": {"status": "resolved", "fixed_version": "5.2-1"}}}},
         "glibc": {"CVE-2023-4911": {"releases": {"bookworm": {"status": 5}}}}}""");
    assertThatThrownBy(() -> read(f)).isInstanceOf(FeedException.class)
        .hasMessage(f + ": record 2 (CVE-2023-4911 in glibc): releases.bookworm.status: expected a string, found a number");
    Path g = Files.writeString(tmp.resolve("g.json"), "{\"bash\": [\"CVE-2022-3715\"]}");
    assertThatThrownBy(() -> read(g)).isInstanceOf(FeedException.class)
        .hasMessage(g + ": record 1 (bash): package bash: expected an object, found an array");
    Path h = Files.writeString(tmp.resolve("h.json"), "{\"bash\": {\"CVE-2022-3715\": {\"releases\": {\"bookworm\": {}}}}}");
    assertThatThrownBy(() -> read(h)).isInstanceOf(FeedException.class)
        .hasMessage(h + ": record 1 (CVE-2022-3715 in bash): releases.bookworm.status: missing");
  }
}
