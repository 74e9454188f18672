package dev.drydock.vuln;

import dev.drydock.vuln.advisory.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.ImageInfo;
import dev.drydock.index.IndexReport;
import dev.drydock.index.OsRelease;
import dev.drydock.index.Package;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.Range;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MatcherTest {

  static final OsRelease BOOKWORM = new OsRelease("debian", "12", "bookworm", null, List.of());

  static IndexReport index(@Nullable OsRelease os, Package... packages) {
    ImageConfig cfg = new ImageConfig(null, null, null, null, null, List.of(), List.of(), List.of(), null, List.of(),
        Map.of(), null, List.of(), List.of());
    ImageInfo info = new ImageInfo("test", null, "sha256:" + "a".repeat(64), null, "", "sha256:" + "b".repeat(64),
        "linux/amd64", cfg, List.of());
    return new IndexReport(1, info, os, List.of(packages), List.of(), List.of(), true, List.of());
  }

  static Package deb(String name, String version, String source, String sourceVersion) {
    return Package.of(Ecosystem.DEB, name, version, "var/lib/dpkg/status").withSource(source, sourceVersion)
        .withLayer("sha256:" + "c".repeat(64));
  }

  static Advisory advisory(String id, String source, List<String> aliases, Severity sev, Affected... affected) {
    return new Advisory(id, aliases, source, id + " title", null, sev, "test", null, null, null, null, List.of(),
        List.of(affected));
  }

  static Affected fixedIn(String ecosystem, String pkg, String fixed) {
    return new Affected(ecosystem, pkg, List.of(new Range(Range.Type.ECOSYSTEM, List.of(
        new Range.Event(Range.Kind.INTRODUCED, "0"), new Range.Event(Range.Kind.FIXED, fixed)))), List.of(),
        Affected.FixState.RANGES, null, null);
  }

  static Affected open(String ecosystem, String pkg, Affected.FixState state) {
    return new Affected(ecosystem, pkg, List.of(new Range(Range.Type.ECOSYSTEM, List.of(
        new Range.Event(Range.Kind.INTRODUCED, "0")))), List.of(), state, Severity.LOW, "debian-urgency");
  }

  @Test
  void osPackagesMatchTheirDistributionBySourcePackageAndSourceVersion() {
    var db = new InMemoryAdvisories()
        .add(advisory("CVE-2024-0001", "debian-tracker", List.of(), Severity.HIGH, fixedIn("Debian:12", "openssl", "3.0.13-1~deb12u1")))
        .add(advisory("CVE-2024-0002", "debian-tracker", List.of(), Severity.HIGH, fixedIn("Debian:12", "openssl", "3.0.11-1~deb12u1")))
        .add(advisory("CVE-2024-0003", "debian-tracker", List.of(), Severity.HIGH, fixedIn("Debian:11", "openssl", "9.9")));
    var r = new Matcher(db).match(index(BOOKWORM, deb("libssl3", "3.0.11-1~deb12u2+b1", "openssl", "3.0.11-1~deb12u2")));
    assertThat(r.vulnerabilities()).extracting(Vulnerability::id, Vulnerability::fixedVersion, Vulnerability::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CVE-2024-0001", "3.0.13-1~deb12u1", Vulnerability.Status.FIXED));
    assertThat(r.vulnerabilities().get(0).packageName()).isEqualTo("libssl3");
    assertThat(r.complete()).isTrue();
  }

  @Test
  void distributionBackportsAreNeverJudgedByUpstreamAdvisories() {
    // Upstream says openssl < 3.0.13 is vulnerable; Debian backported the fix into 3.0.11-1~deb12u2.
    var db = new InMemoryAdvisories()
        .add(advisory("CVE-2024-0001", "debian-tracker", List.of(), Severity.HIGH, fixedIn("Debian:12", "openssl", "3.0.11-1~deb12u2")))
        .add(advisory("GHSA-xxxx", "osv", List.of("CVE-2024-0001"), Severity.HIGH, fixedIn("PyPI", "openssl", "3.0.13")));
    var r = new Matcher(db).match(index(BOOKWORM, deb("libssl3", "3.0.11-1~deb12u2", "openssl", "3.0.11-1~deb12u2")));
    assertThat(r.vulnerabilities()).isEmpty();
  }

  @Test
  void unfixedWillNotFixAndUndetermined() {
    var db = new InMemoryAdvisories()
        .add(advisory("CVE-2024-1000", "debian-tracker", List.of(), Severity.MEDIUM, open("Debian:12", "glibc", Affected.FixState.RANGES)))
        .add(advisory("CVE-2024-1001", "debian-tracker", List.of(), Severity.MEDIUM, open("Debian:12", "glibc", Affected.FixState.WILL_NOT_FIX)))
        .add(advisory("CVE-2024-1002", "debian-tracker", List.of(), Severity.MEDIUM, open("Debian:12", "glibc", Affected.FixState.UNDETERMINED)));
    var r = new Matcher(db).match(index(BOOKWORM, deb("libc6", "2.36-9+deb12u4", "glibc", "2.36-9+deb12u4")));
    assertThat(r.vulnerabilities()).extracting(Vulnerability::id, Vulnerability::status, Vulnerability::severity, Vulnerability::severitySource)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("CVE-2024-1000", Vulnerability.Status.UNFIXED, Severity.LOW, "debian-urgency"),
            org.assertj.core.groups.Tuple.tuple("CVE-2024-1001", Vulnerability.Status.WILL_NOT_FIX, Severity.LOW, "debian-urgency"),
            org.assertj.core.groups.Tuple.tuple("CVE-2024-1002", Vulnerability.Status.UNDETERMINED, Severity.LOW, "debian-urgency"));
  }

  @Test
  void sameCveFromTwoFeedsIsReportedOnceFromTheDistributionFeed() {
    var db = new InMemoryAdvisories()
        .add(advisory("DSA-5600-1", "osv", List.of("CVE-2024-0001"), Severity.UNKNOWN, fixedIn("Debian:12", "openssl", "3.0.13-1~deb12u1")))
        .add(advisory("CVE-2024-0001", "debian-tracker", List.of(), Severity.HIGH, fixedIn("Debian:12", "openssl", "3.0.13-1~deb12u1")));
    var r = new Matcher(db).match(index(BOOKWORM, deb("libssl3", "3.0.11-1", "openssl", "3.0.11-1")));
    assertThat(r.vulnerabilities()).singleElement().satisfies(v -> {
      assertThat(v.dataSource()).isEqualTo("debian-tracker");
      assertThat(r.distinctIds()).isEqualTo(1);
    });
  }

  @Test
  void languagePackagesMatchByEcosystemAndName() {
    var db = new InMemoryAdvisories().add(advisory("GHSA-jfh8-c2jp-5v3q", "osv", List.of("CVE-2021-44228"), Severity.CRITICAL,
        fixedIn("Maven", "org.apache.logging.log4j:log4j-core", "2.15.0")));
    Package log4j = Package.of(Ecosystem.MAVEN, "log4j-core", "2.14.1", "app/lib/log4j-core-2.14.1.jar")
        .withNamespace("org.apache.logging.log4j");
    var r = new Matcher(db).match(index(BOOKWORM, log4j));
    assertThat(r.vulnerabilities()).singleElement().satisfies(v -> {
      assertThat(v.cveOrId()).isEqualTo("CVE-2021-44228");
      assertThat(v.fixedVersion()).isEqualTo("2.15.0");
      assertThat(v.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
    });
  }

  @Test
  void unparseableVersionIsADiagnosticNeverNotVulnerable() {
    var db = new InMemoryAdvisories().add(advisory("CVE-2024-0001", "debian-tracker", List.of(), Severity.HIGH,
        fixedIn("Debian:12", "openssl", "3.0.13-1")));
    var r = new Matcher(db).match(index(BOOKWORM, deb("libssl3", "not a version!", "openssl", "not a version!")));
    assertThat(r.vulnerabilities()).isEmpty();
    assertThat(r.complete()).isFalse();
    assertThat(r.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
        .contains("not a version!").contains("libssl3").contains("dpkg");
  }

  @Test
  void ecosystemsWithoutAFeedMakeTheReportIncomplete() {
    var db = new InMemoryAdvisories().add(advisory("GHSA-1", "osv", List.of(), Severity.HIGH, fixedIn("npm", "lodash", "4.17.21")));
    var rhel = new OsRelease("rhel", "9.3", null, null, List.of());
    var r = new Matcher(db).match(index(rhel, Package.of(Ecosystem.RPM, "bash", "5.1.8-6.el9", "var/lib/rpm/rpmdb.sqlite"),
        deb("x", "1", "x", "1")));
    assertThat(r.complete()).isFalse();
    assertThat(r.diagnostics()).extracting(Diagnostic::message)
        .anySatisfy(m -> assertThat(m).contains("rpm package(s) not matched").contains("rhel-9.3"));
    var r2 = new Matcher(db).match(index(BOOKWORM, deb("bash", "5.2", "bash", "5.2")));
    assertThat(r2.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
        .contains("no advisories for Debian:12").contains("drydock db update");
  }
}
