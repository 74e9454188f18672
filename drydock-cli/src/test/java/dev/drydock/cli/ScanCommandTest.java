package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.testing.OciImageBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock scan} on local OCI layouts: formats, output files, exit codes, error lines. */
class ScanCommandTest {

  @TempDir
  Path tmp;
  Path layout;
  OciImageBuilder.BuiltImage image;
  String cache;

  @BeforeEach
  void build() throws Exception {
    layout = tmp.resolve("layout");
    image = OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian 12\"\n"))
        .layer(OciImageBuilder.layer().file("var/lib/dpkg/status",
            "Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b8\nSource: bash (5.2.15-2)\nArchitecture: amd64\n\n"
                + "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nSource: glibc\nArchitecture: amd64\n"))
        .writeTo(layout, "1.0");
    cache = tmp.resolve("cache").toString();
  }

  @Test
  void tableIsTheDefault() {
    CliRun r = CliRun.run("scan", "oci-dir:" + layout + ":1.0", "--cache-dir", cache, "-q", "--scanners", "none");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("OS:       Debian 12 [debian-12]").contains("Packages: 2")
        .containsPattern("deb\\s+bash\\s+5\\.2\\.15-2\\+b8\\s+" + image.layerDigests().get(1).encoded().substring(0, 12))
        .contains("libc6");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonCarriesTheWholeInventory() throws Exception {
    CliRun r = CliRun.run("scan", layout.toString(), "--format", "json", "--cache-dir", cache, "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.at("/index/image/manifestDigest").asText()).isEqualTo(image.manifestDigest().toString());
    assertThat(json.at("/index/complete").asBoolean()).isTrue();
    assertThat(json.at("/index/packages/0/purl").asText()).startsWith("pkg:deb/debian/bash@");
    assertThat(json.at("/index/packages/0/layer").asText()).isEqualTo(image.layerDigests().get(1).toString());
  }

  @Test
  void cycloneDxIsValidAgainstTheSchemaAndWrittenToAFile() throws Exception {
    Path out = tmp.resolve("out/sbom.cdx.json");
    CliRun r = CliRun.run("scan", "oci-dir:" + layout, "-f", "cyclonedx", "-o", out.toString(), "--cache-dir", cache, "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    byte[] bytes = Files.readAllBytes(out);
    assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
    JsonNode bom = new ObjectMapper().readTree(bytes);
    assertThat(bom.at("/specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.at("/metadata/component/type").asText()).isEqualTo("container");
    assertThat(bom.at("/metadata/component/version").asText()).isEqualTo(image.manifestDigest().toString());
    JsonNode bash = bom.at("/components/1");
    assertThat(bash.at("/purl").asText()).startsWith("pkg:deb/debian/bash@5.2.15-2%2Bb8");
    assertThat(bash.at("/properties").toString()).contains("drydock:layer").contains(image.layerDigests().get(1).toString());
  }

  @Test
  void outputToAPipeOrDeviceWritesIntoItInsteadOfReplacingIt() throws Exception {
    Path fifo = tmp.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CliRun r = CliRun.run("scan", "oci-dir:" + layout, "-f", "json", "-o", fifo.toString(), "--cache-dir", cache, "-q");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(reader.get(30, java.util.concurrent.TimeUnit.SECONDS)).startsWith("{");
    assertThat(Files.isRegularFile(fifo)).as("the FIFO is still a FIFO").isFalse();
  }

  @Test
  void progressGoesToStderrNotStdout() {
    CliRun r = CliRun.run("scan", "oci-dir:" + layout, "--format", "json", "--no-cache");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("scanning oci-dir:").contains("layer sha256:");
    assertThat(r.out()).startsWith("{");
  }

  @Test
  void failuresExitOneWithOneLine() throws Exception {
    CliRun missing = CliRun.run("scan", "oci-dir:" + layout + ":nope", "--no-cache", "-q");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("error: manifest unknown: oci-dir:" + layout + ":nope (no index.json entry named nope)");

    Path blob = OciImageBuilder.blobPath(layout, image.layerDigests().get(1));
    byte[] b = Files.readAllBytes(blob);
    b[b.length / 2] ^= 1;
    Files.write(blob, b);
    CliRun tampered = CliRun.run("scan", "oci-dir:" + layout + ":1.0", "--no-cache", "-q");
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err()).startsWith("error: ").contains(image.layerDigests().get(1).toString());
    assertThat(tampered.err().strip().lines()).hasSize(1);
  }

  @Test
  void secretsInTheImageConfigurationNeverReachAnyReport() throws Exception {
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Jd2Kp1x";
    String token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    Path l = tmp.resolve("secret-config");
    OciImageBuilder.image().env("AWS_SECRET_ACCESS_KEY", secret).label("ci.token", token)
        .layer(OciImageBuilder.layer().file("etc/motd", "hi").createdBy("RUN curl -H 'Authorization: token " + token + "' x"))
        .writeTo(l, "t");
    for (String format : java.util.List.of("json", "table", "cyclonedx", "sarif")) {
      CliRun r = CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q", "-f", format, "--scanners", "secret");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).as(format).doesNotContain(secret).doesNotContain(token);
    }
    CliRun json = CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q", "-f", "json", "--scanners", "secret");
    assertThat(json.out()).contains("config_env_secret");
    Path index = tmp.resolve("saved-index.json");
    CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q", "--scanners", "none", "--save-index", index.toString());
    assertThat(Files.readString(index)).doesNotContain(secret).doesNotContain(token);
  }

  @Test
  void malwareScannerFindsEicarAndUserRules() throws Exception {
    String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    Path l = tmp.resolve("malware");
    OciImageBuilder.image().layer(OciImageBuilder.layer()
        .file("tmp/eicar.com", eicar)
        .file("srv/app/notes.txt", "deploy with drydock-canary-42 please")).writeTo(l, "t");
    Path rules = tmp.resolve("rules");
    Files.createDirectories(rules);
    Files.writeString(rules.resolve("canary.yar"),
        "rule Drydock_Canary { meta: level = \"remind\" description = \"test rule\" strings: $a = \"drydock-canary-42\" condition: $a }\n");
    CliRun r = CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q", "-f", "json", "--scanners", "malware",
        "--rules", rules.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("EICAR_Test_File").contains("Eicar-Test-Signature.SHA256").contains("Drydock_Canary")
        .contains("\"newSuspicious\" : 3");
    Files.writeString(rules.resolve("broken.yar"), "rule Broken { condition: $nope }\n");
    CliRun bad = CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q", "--scanners", "malware", "--rules", rules.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("broken.yar:1:");
    CliRun missing = CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q", "--scanners", "malware", "--rules",
        tmp.resolve("no-such-rules").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("error: rule path not found: " + tmp.resolve("no-such-rules"));
  }

  @Test
  void findingsOfEveryKindAppearInTableJsonAndSarif() throws Exception {
    String eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    String keyId = "AKIA2Q7XH5LMN3OPQ4RS";
    Path l = tmp.resolve("findings");
    OciImageBuilder.image().layer(OciImageBuilder.layer()
        .file("tmp/eicar.com", eicar)
        .file("srv/app/.env", "# settings\nREGION=eu-west-1\naws_access_key_id=" + keyId + "\n")).writeTo(l, "t");
    String image = "oci-dir:" + l;
    String scanners = "baseline,secret,malware";

    CliRun table = CliRun.run("scan", image, "--no-cache", "-q", "--scanners", scanners);
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("EICAR_Test_File").contains("aws_access_key_id").contains("config_run_as_root")
        .doesNotContain(keyId);

    CliRun json = CliRun.run("scan", image, "--no-cache", "-q", "--scanners", scanners, "-f", "json");
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.at("/index/findings").findValuesAsText("ruleId"))
        .contains("EICAR_Test_File", "aws_access_key_id", "config_run_as_root");
    assertThat(json.out()).doesNotContain(keyId);

    CliRun sarif = CliRun.run("scan", image, "--no-cache", "-q", "--scanners", scanners, "-f", "sarif");
    assertThat(sarif.exitCode()).as(sarif.err()).isZero();
    assertThat(sarif.out()).doesNotContain(keyId);
    JsonNode run = new ObjectMapper().readTree(sarif.out()).at("/runs/0");
    java.util.Map<String, JsonNode> byRule = new java.util.HashMap<>();
    run.path("results").forEach(r -> byRule.put(r.path("ruleId").asText(), r));
    assertThat(byRule).containsKeys("EICAR_Test_File", "aws_access_key_id", "config_run_as_root");
    assertThat(byRule.get("aws_access_key_id").at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("srv/app/.env");
    assertThat(byRule.get("aws_access_key_id").at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    assertThat(byRule.get("EICAR_Test_File").at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("tmp/eicar.com");
    assertThat(byRule.get("EICAR_Test_File").at("/properties/layer").asText()).startsWith("sha256:");
    assertThat(byRule.get("config_run_as_root").at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("image-config");
    // One rule per rule id, listed in the order the results first use them (stable output).
    java.util.List<String> ruleIds = run.at("/tool/driver/rules").findValuesAsText("id");
    assertThat(ruleIds).doesNotHaveDuplicates().containsAll(byRule.keySet());
    java.util.List<String> firstUse = new java.util.ArrayList<>();
    run.path("results").forEach(r -> {
      if (!firstUse.contains(r.path("ruleId").asText())) {
        firstUse.add(r.path("ruleId").asText());
      }
    });
    assertThat(ruleIds).isEqualTo(firstUse);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(CliRun.run("scan").exitCode()).isEqualTo(2);
    assertThat(CliRun.run("scan", "x", "--format", "yaml").err()).contains("unknown format \"yaml\"");
    assertThat(CliRun.run("scan", "x", "--username", "u").err()).contains("--password-stdin");
    assertThat(CliRun.run("scan", "x", "--platform", "linux").exitCode()).isEqualTo(2);
  }

  @Test
  void incompleteReportsSaySoOnStderr() throws Exception {
    Path l = tmp.resolve("incomplete");
    OciImageBuilder.image().layer(OciImageBuilder.layer().file("var/lib/dpkg/status",
        "Package: broken\nStatus: install ok installed\n".getBytes(StandardCharsets.UTF_8))).writeTo(l, "t");
    CliRun r = CliRun.run("scan", "oci-dir:" + l, "--no-cache", "-q");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("INCOMPLETE").contains("package broken has no Version");
    assertThat(r.err()).contains("warning: the report is incomplete");
  }
}
