package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan} against Debian's real {@code docker-registry} with HTTP Basic auth:
 * credentials from stdin and from docker's {@code config.json}, and the one-line errors. The
 * config.json case runs the packaged CLI jar as a separate process, because {@code DOCKER_CONFIG}
 * is read from the environment.
 */
class ScanCommandIT {

  static RegistryProcess registry;
  static String ref;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    registry = RegistryProcess.basic("ci", "pa55word");
    var image = OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n\n"))
        .writeTo(dir.resolve("layout"), "1.0");
    Skopeo.push(image, registry, "team/app");
    ref = registry.reference("team/app:1.0");
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void passwordFromStdin() {
    CliRun ok = CliRun.withStdin("pa55word\n", "scan", ref, "--insecure", "-u", "ci", "--password-stdin", "--no-cache", "-q");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).containsPattern("apk\\s+musl\\s+1\\.2\\.4-r2");

    CliRun wrong = CliRun.withStdin("nope\n", "scan", ref, "--insecure", "-u", "ci", "--password-stdin", "--no-cache", "-q");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err().strip()).startsWith("error: unauthorized: ").endsWith(ref).doesNotContain("nope");
  }

  @Test
  void unknownTag() {
    CliRun r = CliRun.withStdin("pa55word", "scan", registry.reference("team/app:9.9"), "--insecure", "-u", "ci",
        "--password-stdin", "--no-cache", "-q");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("error: manifest unknown: " + registry.reference("team/app:9.9"));
  }

  @Test
  void credentialsFromDockerConfig() throws Exception {
    Path config = tmp.resolve("docker");
    Files.createDirectories(config);
    Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\""
        + Base64.getEncoder().encodeToString("ci:pa55word".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
    Path jar = Path.of("target/drydock.jar").toAbsolutePath();
    assertThat(jar).exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "scan", ref, "--insecure", "--no-cache", "-q", "--format", "json"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("err.txt").toFile());
    pb.environment().put("DOCKER_CONFIG", config.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isZero();
    assertThat(out).contains("\"name\" : \"musl\"");

    Files.writeString(config.resolve("config.json"), "{\"auths\":{}}");
    Process anon = pb.start();
    anon.getInputStream().readAllBytes();
    assertThat(anon.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(anon.exitValue()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("err.txt"))).startsWith("error: unauthorized: ");
  }
}
