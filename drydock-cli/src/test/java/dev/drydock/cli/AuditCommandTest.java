package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.DrydockServer;
import dev.drydock.server.audit.AuditRecord;
import dev.drydock.server.audit.AuditTrail;
import dev.drydock.server.config.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code drydock audit} and {@code drydock accesskey} on the database a server writes (an
 * embedded H2 database in a data directory): the records are written by the server's own audit
 * writer, then read by the CLI with each filter and exported as JSON lines.
 */
class AuditCommandTest {

  @TempDir
  Path dir;

  static AuditRecord rec(Instant t, String key, String user, String action, String code, int status) {
    return new AuditRecord(t, "REQ-" + action + "-" + code, key, user == null ? null : "100000000001", user,
        "2018-12-03", action, "{\"Password\":\"******\",\"DomainName\":\"r.example\"}", "127.0.0.1", false, code,
        status, 1234);
  }

  @Test
  void readsFiltersAndExports() throws Exception {
    Instant t0 = Instant.parse("2026-05-01T08:00:00Z");
    try (ConfigurableApplicationContext ctx = DrydockServer.startOffline(ServerSettings.resolve(null, dir, null, null,
        null))) {
      AuditTrail trail = ctx.getBean(AuditTrail.class);
      trail.record(rec(t0, "LTAIa", "ci", "DescribeImageStatistics", "OK", 200));
      trail.record(rec(t0.plusSeconds(60), "LTAIa", "ci", "AddPrivateRegistry", "NoPermission", 403));
      trail.record(rec(t0.plusSeconds(120), "LTAIb", "admin", "AddPrivateRegistry", "OK", 200));
      trail.record(rec(t0.plusSeconds(180), "LTAIc", null, "DescribeImageStatistics", "InvalidAccessKeyId.NotFound", 404));
      assertThat(trail.flush(Duration.ofSeconds(30))).isTrue();
    }
    String d = dir.toString();
    CliRun all = CliRun.run("audit", "--data-dir", d);
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out().lines()).hasSize(5);
    assertThat(all.out()).contains("NoPermission").contains("LTAIc");

    CliRun denied = CliRun.run("audit", "--data-dir", d, "--code", "NoPermission", "--format", "jsonl");
    assertThat(denied.exitCode()).as(denied.err()).isZero();
    List<String> lines = denied.out().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode j = JsonMapper.builder().build().readTree(lines.get(0));
    assertThat(j.path("action").asString()).isEqualTo("AddPrivateRegistry");
    assertThat(j.path("userName").asString()).isEqualTo("ci");
    assertThat(j.path("httpStatus").asInt()).isEqualTo(403);
    assertThat(j.path("params").path("Password").asString()).isEqualTo("******");
    assertThat(j.path("time").asString()).isEqualTo("2026-05-01T08:01:00Z");

    assertThat(CliRun.run("audit", "--data-dir", d, "--user", "ci", "--action", "Describe*", "--format", "jsonl")
        .out().lines()).hasSize(1);
    assertThat(CliRun.run("audit", "--data-dir", d, "--access-key", "LTAIa", "--since", "2026-05-01T08:01:00Z",
        "--until", "2026-05-01T08:03:00Z", "--limit", "5", "--format", "jsonl").out().lines()).hasSize(1);
    Path export = dir.resolve("audit.jsonl");
    assertThat(CliRun.run("audit", "--data-dir", d, "--format", "jsonl", "-o", export.toString()).exitCode()).isZero();
    assertThat(Files.readAllLines(export)).hasSize(4);
    assertThat(CliRun.run("audit", "--data-dir", d, "--since", "1h", "--format", "jsonl").out().lines()).isEmpty();

    CliRun bad = CliRun.run("audit", "--data-dir", d, "--until", "yesterday");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--until: not a time: yesterday");
  }

  @Test
  void accessKeysBelongToUsersWithPolicies() {
    String d = dir.toString();
    CliRun ci = CliRun.run("accesskey", "create", "--data-dir", d, "--user", "ci", "--policy",
        "AliyunYundunSASReadOnlyAccess");
    assertThat(ci.exitCode()).as(ci.err()).isZero();
    assertThat(ci.out()).contains("User:            ci").contains("Policies:        AliyunYundunSASReadOnlyAccess");
    String keyId = ci.out().lines().filter(l -> l.startsWith("AccessKeyId:")).findFirst().orElseThrow()
        .substring("AccessKeyId:".length()).trim();
    CliRun unknown = CliRun.run("accesskey", "create", "--data-dir", d, "--user", "x", "--policy", "NoSuchPolicy");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("no policy named NoSuchPolicy");
    CliRun list = CliRun.run("accesskey", "list", "--data-dir", d, "--user", "ci");
    assertThat(list.out()).contains(keyId).contains(" ci ");
    assertThat(CliRun.run("accesskey", "disable", "--data-dir", d, keyId).out()).contains("Inactive");
    assertThat(CliRun.run("accesskey", "delete", "--data-dir", d, keyId).exitCode()).isZero();
    assertThat(CliRun.run("accesskey", "list", "--data-dir", d, "--user", "ci").out()).doesNotContain(keyId);
  }

  /**
   * A database held by another process (H2 opens its file for one process only): here a second JVM
   * that opens the data directory's database as {@code drydock serve} does and holds it.
   */
  @Test
  void anEmbeddedDatabaseHeldByAnotherProcessIsOneClearLine() throws Exception {
    String d = dir.toString();
    assertThat(CliRun.run("accesskey", "list", "--data-dir", d).exitCode()).isZero(); // creates the database
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldDatabase.class.getName(),
        ServerSettings.h2Url(dir)).redirectErrorStream(true).start();
    try {
      assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
          .isEqualTo("holding");
      CliRun list = CliRun.run("accesskey", "list", "--data-dir", d);
      assertThat(list.exitCode()).isEqualTo(1);
      assertThat(list.err().strip().lines()).hasSize(1);
      assertThat(list.err()).contains("is in use by a running `drydock serve`");
    } finally {
      holder.getOutputStream().close(); // HoldDatabase exits when its stdin closes
      holder.waitFor();
    }
    assertThat(CliRun.run("accesskey", "list", "--data-dir", d).exitCode()).isZero();
  }

  /** Opens an H2 database and holds it until stdin closes. */
  public static final class HoldDatabase {
    public static void main(String[] args) throws Exception {
      try (java.sql.Connection c = java.sql.DriverManager.getConnection(args[0], "", "")) {
        System.out.println("holding");
        System.out.flush();
        System.in.read();
      }
    }
  }
}
