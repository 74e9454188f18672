package dev.drydock.check.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Finding;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaselineConfigChecksTest {

  private static ImageConfig config(@Nullable String os, @Nullable String user, List<String> env, List<String> ports,
      @Nullable List<String> health, List<String> history) {
    return new ImageConfig(os, "amd64", null, null, user, env, List.of(), List.of(), null, ports, Map.of(), health,
        List.of(), history.stream().map(h -> new ImageConfig.History(null, h, null, false)).toList());
  }

  private static ImageConfig history(String... commands) {
    return config("linux", "app", List.of(), List.of(), List.of("CMD", "true"), List.of(commands));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "NULL, true", "'', true", "root, true", "0, true", "0:0, true", "root:staff, true", "0:1000, true",
      "app, false", "1000, false", "1000:0, false", "nobody, false"})
  void runAsRoot(@Nullable String user, boolean root) {
    assertThat(ImageConfigChecks.runAsRoot(config("linux", user, List.of(), List.of(), null, List.of()))).hasSize(root ? 1 : 0);
  }

  @Test
  void windowsUsersAreNotJudged() {
    assertThat(ImageConfigChecks.runAsRoot(config("windows", null, List.of(), List.of(), null, List.of()))).isEmpty();
  }

  @Test
  void envSecretsByRuleOrByNameMaskedNeverPathsOrPlaceholders() {
    List<Finding> f = ImageConfigChecks.envSecrets(config("linux", "app", List.of(
        "MYSQL_ROOT_PASSWORD=Zq8rT2vX9m", "API_KEY=k3Jq9Zr2Lw8Xv5Tn", "DJANGO_SECRET_KEY=k3Jq9Zr2Lw8Xv5Tn1Bc6",
        "TOKEN=glpat-a1B2c3D4e5F6g7H8i9J0",
        "MYSQL_PASSWORD_FILE=/run/secrets/db", "PASSWORD=/run/secrets/db", "BYPASS=Zq8rT2vX9m", "GPG_KEY=A035C8C19219BA82",
        "PWD=/app", "SECRET=${SECRET}", "PASS=no", "HOME=/root", "NOVALUE"), List.of(), null, List.of()));
    assertThat(f).extracting(x -> x.attributes().get("env")).containsExactly("MYSQL_ROOT_PASSWORD", "API_KEY",
        "DJANGO_SECRET_KEY", "TOKEN");
    assertThat(f).extracting(Finding::evidence).containsExactly("MYSQL_ROOT_PASSWORD=Zq****", "API_KEY=k3****",
        "DJANGO_SECRET_KEY=k3****", "TOKEN=glpat-****");
    assertThat(f.get(3).attributes()).containsEntry("secret_rule", "gitlab_token");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "22/tcp|true", "22|true", "6379/tcp|true", "11211/udp|true", "2375/tcp|true", "22/udp|false", "8080/tcp|false",
      "5432/tcp|false", "abc/tcp|false"})
  void riskyPorts(String port, boolean risky) {
    assertThat(RiskyPorts.check(config("linux", "app", List.of(), List.of(port), null, List.of()))).hasSize(risky ? 1 : 0);
  }

  @Test
  void healthcheck() {
    assertThat(ImageConfigChecks.healthcheck(config("linux", "app", List.of(), List.of(), null, List.of()))).hasSize(1);
    assertThat(ImageConfigChecks.healthcheck(config("linux", "app", List.of(), List.of(), List.of("NONE"), List.of())))
        .singleElement().extracting(Finding::evidence).isEqualTo("HEALTHCHECK NONE");
    assertThat(ImageConfigChecks.healthcheck(config("linux", "app", List.of(), List.of(),
        List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1"), List.of()))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "RUN /bin/sh -c curl -fsSL https://get.example.org | sh # buildkit => config_pipe_to_shell",
      "/bin/sh -c wget -qO- https://x.example.org/i.sh | sudo -E bash - => config_pipe_to_shell",
      "RUN /bin/sh -c curl -sSL https://install.python-poetry.org | python3 - # buildkit => config_pipe_to_shell",
      "RUN /bin/sh -c bash <(curl -s https://x.example.org/i.sh) # buildkit => config_pipe_to_shell",
      "RUN /bin/sh -c sh -c \"$(curl -fsSL https://x.example.org/i.sh)\" # buildkit => config_pipe_to_shell",
      "ADD https://example.org/a.tgz /opt/ # buildkit => config_remote_add",
      "ADD --chown=app:app https://example.org/a.tgz /opt/ # buildkit => config_remote_add",
      "/bin/sh -c #(nop) ADD https://example.org/a.tgz in /opt/  => config_remote_add",
      "ADD [\"https://example.org/a.tgz\", \"/opt/\"] # buildkit => config_remote_add",
  })
  void downloadsAtBuildTime(String createdBy, String key) {
    assertThat(ImageConfigChecks.historyDownloads(history(createdBy))).extracting(Finding::ruleId).containsExactly(key);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "RUN /bin/sh -c curl -fsSLo /tmp/i.sh https://x.example.org/i.sh && sha256sum -c i.sha256 # buildkit",
      "ADD file:6b8e7f5c8a9e in / ",
      "COPY https-proxy.conf /etc/ # buildkit",
      "RUN /bin/sh -c apt-get install -y curl shellcheck # buildkit",
  })
  void verifiedOrLocalStepsAreFine(String createdBy) {
    assertThat(ImageConfigChecks.historyDownloads(history(createdBy))).isEmpty();
  }

  @Test
  void historyEvidenceIsRedacted() {
    List<Finding> f = ImageConfigChecks.historyDownloads(history(
        "RUN /bin/sh -c curl -H 'Authorization: token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' https://x.example.org/i | sh"));
    assertThat(f).singleElement().extracting(Finding::evidence).asString()
        .doesNotContain("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8").contains("ghp_****");
  }

  @Test
  void buildArgumentsOfBothBuilders() {
    assertThat(dev.drydock.check.secret.ConfigRedaction.buildArguments("RUN |2 A=1 B=two /bin/sh -c make # buildkit"))
        .containsExactly(new String[] {"A", "1"}, new String[] {"B", "two"});
    assertThat(dev.drydock.check.secret.ConfigRedaction.buildArguments("|1 TOKEN=x /bin/sh -c make")).containsExactly(new String[] {"TOKEN", "x"});
    assertThat(dev.drydock.check.secret.ConfigRedaction.buildArguments("/bin/sh -c #(nop)  ARG PASSWORD=hunter22"))
        .containsExactly(new String[] {"PASSWORD", "hunter22"});
    assertThat(dev.drydock.check.secret.ConfigRedaction.buildArguments("RUN /bin/sh -c echo |1 X=y")).isEmpty();
  }

  @Test
  void theSecretScannerAloneRunsOnlyTheSecretItems() {
    ImageConfig c = new ImageConfig("linux", "amd64", null, null, null, List.of("DB_PASSWORD=Zq8rT2vX9m"), List.of(),
        List.of(), null, List.of("22/tcp"), Map.of(), null, List.of(), List.of());
    assertThat(Baseline.configChecks(false, true).apply(c)).extracting(Finding::ruleId).containsExactly("config_env_secret");
    assertThat(Baseline.configChecks(true, false).apply(c)).extracting(Finding::ruleId).containsExactlyInAnyOrder(
        "config_run_as_root", "config_env_secret", "config_risky_port", "config_no_healthcheck");
    assertThat(Baseline.configChecks(false, false).apply(c)).isEmpty();
  }
}
