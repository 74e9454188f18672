package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerConfigCredentialsTest {

  @TempDir
  Path dir;

  private CredentialProvider config(String json) throws Exception {
    Path f = dir.resolve("config.json");
    Files.writeString(f, json);
    return DockerConfigCredentials.load(f);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }

  @Test
  void base64AuthAndUsernamePassword() throws Exception {
    CredentialProvider p = config("""
        {"auths": {
          "127.0.0.1:5000": {"auth": "%s"},
          "https://index.docker.io/v1/": {"auth": "%s"},
          "http://quay.example:8443/v2/": {"username": "q", "password": "pw"}
        }}""".formatted(b64("alice:s3cr:et"), b64("hub:tok")));
    assertThat(p.forRegistry("127.0.0.1:5000")).contains(new Credentials("alice", "s3cr:et"));
    assertThat(p.forRegistry("docker.io")).contains(new Credentials("hub", "tok"));
    assertThat(p.forRegistry("quay.example:8443")).contains(new Credentials("q", "pw"));
    assertThat(p.forRegistry("127.0.0.1:5001")).isEmpty();
  }

  @Test
  void anIdentityTokenIsTakenBeforeAuth() throws Exception {
    CredentialProvider p = config("""
        {"auths": {"acr.example": {"auth": "%s", "identitytoken": "refresh-123"}}}""".formatted(b64("<token>:")));
    assertThat(p.forRegistry("acr.example")).hasValueSatisfying(c -> {
      assertThat(c.isIdentityToken()).isTrue();
      assertThat(c.password()).isEqualTo("refresh-123");
    });
  }

  @Test
  void missingFileMeansAnonymous() throws Exception {
    assertThat(DockerConfigCredentials.load(dir.resolve("nope.json")).forRegistry("x")).isEmpty();
  }

  @Test
  void malformedAuthIsAnErrorNamingTheFile() throws Exception {
    CredentialProvider p = config("{\"auths\":{\"h:1\":{\"auth\":\"%%%\"}}}");
    assertThatThrownBy(() -> p.forRegistry("h:1")).hasMessageContaining("config.json").hasMessageContaining("base64");
  }

  @Test
  void missingHelperIsAClearError() throws Exception {
    CredentialProvider p = config("{\"credHelpers\":{\"h:1\":\"drydock-does-not-exist\"}}");
    assertThatThrownBy(() -> p.forRegistry("h:1")).hasMessageContaining("docker-credential-drydock-does-not-exist");
  }

  @ParameterizedTest
  @CsvSource({"https://index.docker.io/v1/, docker.io", "registry-1.docker.io, docker.io", "HTTP://Host:5000/x, host:5000", "h, h"})
  void normalizesKeys(String key, String want) {
    assertThat(DockerConfigCredentials.normalize(key)).isEqualTo(want);
  }

  @Test
  void secretsNeverInToString() {
    assertThat(new Credentials("u", "topsecret").toString()).doesNotContain("topsecret");
  }
}
