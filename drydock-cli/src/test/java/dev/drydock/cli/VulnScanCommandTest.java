package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.OciImageBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vulnerability scanning from the command line: a database built with {@code drydock db import}
 * from real-format feed fixtures (a Debian tracker excerpt, the Log4Shell OSV record), an image
 * with a bookworm glibc and log4j-core 2.14.1, every output format, the filters and the CI gate,
 * and index-once-match-often with {@code --save-index} and {@code drydock match}.
 */
class VulnScanCommandTest {

  @TempDir
  Path tmp;
  Path db;
  String image;

  private Path resource(String name) throws Exception {
    Path out = tmp.resolve(name.substring(name.lastIndexOf('/') + 1));
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, out);
    }
    return out;
  }

  @BeforeEach
  void setUp() throws Exception {
    db = tmp.resolve("advisories.db");
    CliRun imported = CliRun.run("db", "import", "--db", db.toString(),
        resource("/testdata/feeds/debian/tracker-excerpt.json").toString(),
        resource("/testdata/feeds/osv/GHSA-jfh8-c2jp-5v3q.json").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    Path layout = tmp.resolve("layout");
    OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
            .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.36-9+deb12u1\n"
                + "Architecture: amd64\n"))
        .layer(OciImageBuilder.layer().file("opt/app/lib/log4j-core-2.14.1.jar",
            Files.readAllBytes(resource("/testdata/java/log4j-core/opt/app/lib/log4j-core-2.14.1.jar"))))
        .writeTo(layout, "1.0");
    image = "oci-dir:" + layout + ":1.0";
  }

  @Test
  void dbStatusNamesTheSources() {
    CliRun s = CliRun.run("db", "status", "--db", db.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(s.out()).contains("Debian:12").contains("Maven").contains("DEBIAN_TRACKER").contains("tracker-excerpt.json");
    CliRun missing = CliRun.run("db", "status", "--db", tmp.resolve("none.db").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("drydock db update").contains("drydock db import");
  }

  @Test
  void tableAndJsonListTheVulnerabilities() throws Exception {
    CliRun t = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q");
    assertThat(t.exitCode()).as(t.err()).isZero();
    assertThat(t.out()).contains("CVE-2023-4911").contains("2.36-9+deb12u3").contains("CVE-2010-4756")
        .contains("CVE-2021-44228").contains("org.apache.logging.log4j:log4j-core").contains("Statistics: vul=");
    CliRun j = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q", "-f", "json");
    JsonNode report = new ObjectMapper().readTree(j.out());
    JsonNode vulns = report.at("/vulnerabilities/vulnerabilities");
    assertThat(vulns.findValuesAsText("id")).contains("CVE-2023-4911", "CVE-2010-4756", "GHSA-jfh8-c2jp-5v3q");
    JsonNode log4shell = null;
    for (JsonNode v : vulns) {
      if (v.path("id").asText().equals("GHSA-jfh8-c2jp-5v3q")) {
        log4shell = v;
      }
    }
    assertThat(log4shell).isNotNull();
    assertThat(log4shell.path("severity").asText()).isEqualTo("CRITICAL");
    assertThat(log4shell.path("fixedVersion").asText()).isEqualTo("2.15.0");
    assertThat(log4shell.path("status").asText()).isEqualTo("FIXED");
    assertThat(log4shell.path("layer").asText()).startsWith("sha256:");
    assertThat(report.at("/statistics/vul").asLong()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void cycloneDxAndSarifCarryTheVulnerabilities() throws Exception {
    CliRun c = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q", "-f", "cyclonedx");
    assertThat(new JsonParser().validate(c.out().getBytes(), Version.VERSION_16)).isEmpty();
    JsonNode bom = new ObjectMapper().readTree(c.out());
    JsonNode vulns = bom.path("vulnerabilities");
    assertThat(vulns.findValuesAsText("id")).contains("GHSA-jfh8-c2jp-5v3q");
    String ref = null;
    for (JsonNode v : vulns) {
      if (v.path("id").asText().equals("GHSA-jfh8-c2jp-5v3q")) {
        ref = v.at("/affects/0/ref").asText();
        assertThat(v.at("/source/name").asText()).isEqualTo("osv");
        assertThat(v.at("/ratings/0/severity").asText()).isEqualTo("critical");
        assertThat(v.at("/ratings/0/method").asText()).isEqualTo("CVSSv31");
        assertThat(v.at("/ratings/0/vector").asText()).startsWith("CVSS:3.1/AV:N/AC:L");
        assertThat(v.at("/affects/0/versions").toString())
            .contains("{\"version\":\"2.14.1\",\"status\":\"affected\"}")
            .contains("{\"version\":\"2.15.0\",\"status\":\"unaffected\"}");
      }
    }
    String finalRef = ref;
    assertThat(bom.path("components").findValuesAsText("bom-ref")).anySatisfy(r -> assertThat(r).isEqualTo(finalRef));
    CliRun s = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q", "-f", "sarif");
    JsonNode sarif = new ObjectMapper().readTree(s.out());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/tool/driver/rules").findValuesAsText("id")).contains("CVE-2021-44228", "CVE-2023-4911");
    assertThat(sarif.at("/runs/0/results").findValuesAsText("uri")).contains("opt/app/lib/log4j-core-2.14.1.jar");
  }

  @Test
  void severityFilterIgnoreUnfixedAndTheExitCodeGate() {
    CliRun critical = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q", "--severity", "CRITICAL",
        "--exit-code", "3");
    assertThat(critical.exitCode()).isEqualTo(3);
    assertThat(critical.out()).contains("CVE-2021-44228").doesNotContain("CVE-2010-4756");
    CliRun low = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q", "--severity", "LOW",
        "--ignore-unfixed", "--exit-code", "3", "--scanners", "vuln");
    assertThat(low.exitCode()).as("the only LOW one (CVE-2010-4756) has no fix").isZero();
    assertThat(low.out()).doesNotContain("CVE-2010-4756");
    CliRun baseline = CliRun.run("scan", image, "--db", db.toString(), "--no-cache", "-q", "--severity", "LOW",
        "--ignore-unfixed", "--exit-code", "3", "--scanners", "vuln,baseline");
    assertThat(baseline.exitCode()).as("the image has no HEALTHCHECK, a low baseline finding").isEqualTo(3);
    assertThat(baseline.out()).contains("config_no_healthcheck");
    assertThat(CliRun.run("scan", image, "--db", db.toString(), "--severity", "SEVERE").exitCode()).isEqualTo(2);
  }

  @Test
  void dbUpdateFromAConfiguredSourceAsksConditionallyTheSecondTime() throws Exception {
    byte[] tracker = Files.readAllBytes(tmp.resolve("tracker-excerpt.json")); // copied by setUp
    java.util.List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tracker/data/json", x -> {
      String inm = x.getRequestHeaders().getFirst("If-None-Match");
      asked.add(String.valueOf(inm));
      x.getResponseHeaders().set("ETag", "\"v1\"");
      if ("\"v1\"".equals(inm)) {
        x.sendResponseHeaders(304, -1);
      } else {
        x.sendResponseHeaders(200, tracker.length);
        x.getResponseBody().write(tracker);
      }
      x.close();
    });
    server.start();
    try {
      Path fresh = tmp.resolve("updated.db");
      String source = "--source=debian-tracker=http://127.0.0.1:" + server.getAddress().getPort() + "/tracker/data/json";
      CliRun first = CliRun.run("db", "update", "--db", fresh.toString(), source);
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out().strip()).isEqualTo("updated   debian-tracker: 8 advisories");
      CliRun second = CliRun.run("db", "update", "--db", fresh.toString(), source);
      assertThat(second.out().strip()).isEqualTo("unchanged debian-tracker: not modified (304)");
      assertThat(asked).containsExactly("null", "\"v1\"");
      assertThat(CliRun.run("db", "status", "--db", fresh.toString()).out()).contains("debian-tracker").contains("Debian:12");
      assertThat(CliRun.run("db", "update", "--db", fresh.toString(), "--source", "no-url").exitCode()).isEqualTo(2);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void noDatabaseSaysSoAndNamesTheCommand() {
    CliRun r = CliRun.run("scan", image, "--db", tmp.resolve("none.db").toString(), "--no-cache", "-q");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("no advisory database is installed").contains("drydock db update")
        .contains("what was not analysed:\n  - [incomplete] not every package was matched against advisories");
    assertThat(r.err()).contains("incomplete");
  }

  @Test
  void indexOnceMatchOften() throws Exception {
    Path saved = tmp.resolve("index.json");
    Path empty = tmp.resolve("empty.db");
    CliRun first = CliRun.run("scan", image, "--db", empty.toString(), "--no-cache", "-q", "--save-index", saved.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(saved).exists();
    CliRun later = CliRun.run("match", saved.toString(), "--db", db.toString(), "-f", "json");
    assertThat(later.exitCode()).as(later.err()).isZero();
    assertThat(later.out()).contains("CVE-2023-4911").contains("GHSA-jfh8-c2jp-5v3q");
    CliRun bad = CliRun.run("match", tmp.resolve("nope.json").toString(), "--db", db.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).startsWith("error: cannot read inventory");
  }
}
