package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock cluster add|list|remove} on an embedded database: kubeconfig files (and the files
 * they name) are read by the CLI and stored encrypted, tokens never come from arguments, and no
 * credential is printed or stored in clear. No API server is contacted (registration does not).
 */
class ClusterCommandTest {

  static final String TOKEN = "cli-token-5f2a9c0e7b";
  static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBcliTestCa\n-----END CERTIFICATE-----\n";

  @Test
  void addListRemove(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Files.writeString(dir.resolve("ca.pem"), CA);
    Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: prod
          cluster: {server: "https://10.1.2.3:6443", certificate-authority: ca.pem}
        contexts:
        - name: prod
          context: {cluster: prod, user: reader}
        users:
        - name: reader
          user: {tokenFile: token}
        """);
    CliRun add = CliRun.run("cluster", "add", "prod", "--kubeconfig", dir.resolve("config").toString(),
        "--type", "ManagedKubernetes", "--data-dir", data.toString());
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).containsPattern("ClusterId: +c[0-9a-f]{32}").contains("AuthType:    kubeconfig")
        .contains("https://10.1.2.3:6443").doesNotContain(TOKEN);

    CliRun viaStdin = CliRun.withStdin(TOKEN, "cluster", "add", "edge", "--server", "https://10.9.9.9:6443",
        "--token-stdin", "--ca-file", dir.resolve("ca.pem").toString(), "--data-dir", data.toString());
    assertThat(viaStdin.exitCode()).as(viaStdin.err()).isZero();

    CliRun noToken = CliRun.run("cluster", "add", "x", "--server", "https://10.9.9.9:6443", "--data-dir",
        data.toString());
    assertThat(noToken.exitCode()).isEqualTo(2);
    assertThat(noToken.err()).contains("--token-file or --token-stdin");
    CliRun duplicate = CliRun.withStdin(TOKEN, "cluster", "add", "edge", "--server", "https://10.9.9.9:6443",
        "--token-stdin", "--data-dir", data.toString());
    assertThat(duplicate.exitCode()).isEqualTo(2);
    assertThat(duplicate.err()).contains("already registered");

    CliRun list = CliRun.run("cluster", "list", "--data-dir", data.toString());
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("prod").contains("ManagedKubernetes").contains("edge").contains("stopped")
        .doesNotContain(TOKEN);

    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as("stored in clear in " + f).doesNotContain(TOKEN).doesNotContain("MIIBcliTestCa");
      }
    }

    CliRun remove = CliRun.run("cluster", "remove", "prod", "--data-dir", data.toString());
    assertThat(remove.exitCode()).as(remove.err()).isZero();
    assertThat(CliRun.run("cluster", "remove", "prod", "--data-dir", data.toString()).exitCode()).isEqualTo(1);
    assertThat(CliRun.run("cluster", "list", "--data-dir", data.toString()).out()).doesNotContain("prod")
        .contains("edge");
  }
}
