package dev.drydock.server.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kubeconfig reading: contexts, inline data, file references (CLI only), refused auth kinds. */
class KubeconfigsTest {

  static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----";
  static final String CA = ClusterAccess.pemData(CA_PEM);

  static String kubeconfig(String user) {
    return """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: prod-cluster
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: %s
        - name: dev-cluster
          cluster:
            server: http://127.0.0.1:8001
            insecure-skip-tls-verify: true
        contexts:
        - name: prod
          context: {cluster: prod-cluster, user: prod-user}
        - name: dev
          context: {cluster: dev-cluster, user: dev-user}
        users:
        - name: prod-user
          user:
        %s
        - name: dev-user
          user:
            token: dev-token
        """.formatted(CA, user.indent(4).stripTrailing());
  }

  @Test
  void readsTheCurrentContextWithInlineData() {
    ClusterAccess a = Kubeconfigs.parse(kubeconfig("token: s3cr3t-token"), null, null);
    assertThat(a.server()).isEqualTo("https://10.0.0.1:6443");
    assertThat(a.caCertData()).isEqualTo(CA);
    assertThat(a.token()).isEqualTo("s3cr3t-token");
    assertThat(a.insecureSkipTlsVerify()).isFalse();
    assertThat(a.toString()).doesNotContain("s3cr3t-token");
  }

  @Test
  void aServerUrlWithCredentialsIsRefusedWithoutQuotingThem() {
    String config = kubeconfig("token: x").replace("https://10.0.0.1:6443", "https://admin:hunter2@10.0.0.1:6443");
    assertThatThrownBy(() -> Kubeconfigs.parse(config, null, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without user information").hasMessageContaining("https://******@10.0.0.1:6443")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThatThrownBy(() -> new ClusterAccess("https://admin:hunter2@h:6443", null, "t", null, null, false))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void readsANamedContext() {
    ClusterAccess a = Kubeconfigs.parse(kubeconfig("token: x"), "dev", null);
    assertThat(a.server()).isEqualTo("http://127.0.0.1:8001");
    assertThat(a.token()).isEqualTo("dev-token");
    assertThat(a.insecureSkipTlsVerify()).isTrue();
    assertThatThrownBy(() -> Kubeconfigs.parse(kubeconfig("token: x"), "nope", null))
        .hasMessageContaining("no context \"nope\"");
  }

  @Test
  void clientCertificatesAreRead() {
    String cert = ClusterAccess.pemData("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----");
    String key = ClusterAccess.pemData("-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----");
    ClusterAccess a = Kubeconfigs.parse(kubeconfig("client-certificate-data: " + cert + "\nclient-key-data: " + key),
        null, null);
    assertThat(a.clientCertData()).isEqualTo(cert);
    assertThat(a.clientKeyData()).isEqualTo(key);
    assertThat(a.token()).isNull();
  }

  @Test
  void fileReferencesAreRefusedWithoutABaseDirectory() {
    assertThatThrownBy(() -> Kubeconfigs.parse(kubeconfig("tokenFile: /etc/shadow"), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenFile names a file");
    assertThatThrownBy(() -> Kubeconfigs.parse(kubeconfig("client-certificate: c.pem\nclient-key: k.pem"), null, null))
        .hasMessageContaining("names a file");
  }

  @Test
  void fileReferencesAreReadRelativeToTheKubeconfig(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("token"), "file-token\n");
    ClusterAccess a = Kubeconfigs.parse(kubeconfig("tokenFile: token"), null, dir);
    assertThat(a.token()).isEqualTo("file-token");
  }

  @Test
  void execPluginsAuthProvidersAndBasicAuthAreRefused() {
    assertThatThrownBy(() -> Kubeconfigs.parse(kubeconfig("""
        exec:
          apiVersion: client.authentication.k8s.io/v1beta1
          command: /bin/sh
          args: ["-c", "touch /tmp/pwned"]"""), null, null))
        .hasMessageContaining("exec plugin or auth provider");
    assertThat(Path.of("/tmp/pwned")).doesNotExist();
    assertThatThrownBy(() -> Kubeconfigs.parse(kubeconfig("auth-provider: {name: gcp}"), null, null))
        .hasMessageContaining("exec plugin or auth provider");
    assertThatThrownBy(() -> Kubeconfigs.parse(kubeconfig("username: admin\npassword: pw"), null, null))
        .hasMessageContaining("basic auth");
  }

  @Test
  void garbageIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> Kubeconfigs.parse("token: [unclosed s3cr3t", null, null))
        .hasMessage("not a kubeconfig (YAML or JSON)");
    assertThatThrownBy(() -> Kubeconfigs.parse("apiVersion: v1\nkind: Config\n", null, null))
        .hasMessageContaining("no contexts");
  }

  @Test
  void accessValidatesItsParts() {
    assertThatThrownBy(() -> new ClusterAccess("ftp://x", null, "t", null, null, false))
        .hasMessageContaining("http(s)://");
    assertThatThrownBy(() -> new ClusterAccess("https://x", null, null, null, null, false))
        .hasMessageContaining("no credentials");
    assertThatThrownBy(() -> new ClusterAccess("https://x", "bm90IHBlbQ==", "t", null, null, false))
        .hasMessageContaining("base64-encoded PEM");
    ClusterAccess a = new ClusterAccess("https://x:6443", CA, "t0k3n", null, null, false);
    assertThat(ClusterAccess.fromJson(a.toJson())).isEqualTo(a);
  }
}
