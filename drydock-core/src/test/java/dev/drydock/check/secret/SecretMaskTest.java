package dev.drydock.check.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.ImageConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskTest {

  @ParameterizedTest
  @CsvSource({
      "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8, 4, ghp_****",
      "Zq8rT2vX9m, 2, Zq****",
      "abc, 2, ****",
      "abcdefgh, 4, ab****",
      "'', 4, ****",
  })
  void keepsAShortPrefixNeverMoreThanAQuarter(String secret, int reveal, String want) {
    assertThat(Mask.mask(secret, reveal)).isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource({
      "AKIAIOSFODNN7EXAMPLE, true", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, true", "${DB_PASSWORD}, true",
      "<password>, true", "changeme, true", "xxxxxxxxxxxxxxxx, true", "********, true", "$DB_PASSWORD, true",
      "%DB_PASSWORD%, true", "{{ .Values.password }}, true", "password, true", "aaaaaaaa, true",
      "Zq8rT2vX9m, false", "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8, false", "$2b$10$abc, false",
  })
  void placeholders(String value, boolean placeholder) {
    assertThat(SecretScanner.isPlaceholder(value)).isEqualTo(placeholder);
  }

  @Test
  void redactMasksEverySecretInAText() {
    String cmd = "git clone https://x:ghs_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8@github.com/o/r && npm i\n"
        + "export T=npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    String out = SecretScanner.defaults().redact(cmd);
    assertThat(out).doesNotContain("a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")
        .isEqualTo("git clone https://x:ghs_****@github.com/o/r && npm i\nexport T=npm_****");
  }

  @Test
  void redactedConfigHidesWhatTheConfigItemsReportAndKeepsTheRest() {
    ImageConfig raw = new ImageConfig("linux", "amd64", null, null, "app",
        List.of("PATH=/usr/bin", "DB_PASSWORD=Zq8rT2vX9m", "GH=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "PASSWORD_FILE=/run/s"),
        List.of("/app"), List.of(), null, List.of("8080/tcp"),
        java.util.Map.of("deploy.token", "k3Jq9Zr2Lw8Xv5Tn", "org.opencontainers.image.title", "app"), null, List.of(),
        List.of(new ImageConfig.History(null, "RUN |2 SENTRY_AUTH_TOKEN=k3Jq9Zr2Lw8Xv5Tn1Bc6 V=1 /bin/sh -c make # buildkit",
            null, false)));
    ImageConfig masked = ConfigRedaction.redact(raw);
    assertThat(masked.env()).containsExactly("PATH=/usr/bin", "DB_PASSWORD=Zq****", "GH=ghp_****", "PASSWORD_FILE=/run/s");
    assertThat(masked.labels()).containsEntry("deploy.token", "k3****").containsEntry("org.opencontainers.image.title", "app");
    assertThat(masked.history().get(0).createdBy()).isEqualTo("RUN |2 SENTRY_AUTH_TOKEN=k3**** V=1 /bin/sh -c make # buildkit");
    assertThat(masked.user()).isEqualTo("app");
    assertThat(masked.exposedPorts()).isEqualTo(raw.exposedPorts());
  }
}
