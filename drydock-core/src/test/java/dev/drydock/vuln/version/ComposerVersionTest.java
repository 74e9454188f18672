package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** composer/semver's normalisation examples and PHP version_compare's documented order. */
class ComposerVersionTest {

  private final VersionScheme s = ComposerVersion.INSTANCE;

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "1.0.0            | 1.0.0.0",
      "1.2.3.4          | 1.2.3.4",
      "v1.0.0           | 1.0.0.0",
      "0                | 0.0.0.0",
      "1.0.0RC1dev      | 1.0.0.0-RC1-dev",
      "1.0.0-rC15-dev   | 1.0.0.0-RC15-dev",
      "1.0.0.RC.15-dev  | 1.0.0.0-RC15-dev",
      "1.0.0-rc1        | 1.0.0.0-RC1",
      "1.0.0.pl3-dev    | 1.0.0.0-patch3-dev",
      "1.0-dev          | 1.0.0.0-dev",
      "10.4.13-beta     | 10.4.13.0-beta",
      "10.4.13beta2     | 10.4.13.0-beta2",
      "10.4.13beta.2    | 10.4.13.0-beta2",
      "10.4.13-b        | 10.4.13.0-beta",
      "10.4.13-b5       | 10.4.13.0-beta5",
      "v1.0.0-beta.5+foo | 1.0.0.0-beta5",
      "1.0.0-alpha1.2   | 1.0.0.0-alpha1.2",
      "1.0.0-stable     | 1.0.0.0",
      "2010-01-02       | 2010.01.02",
      "2010.01.02       | 2010.01.02.0",
      "20100102-203040  | 20100102.203040",
      "20100102203040-10 | 20100102203040.10",
      "123456           | 123456",
      "1.x-dev          | 1.9999999.9999999.9999999-dev",
      "2.1.*-dev        | 2.1.9999999.9999999-dev",
  })
  void normalisesAsVersionParser(String raw, String normalised) throws Exception {
    assertThat(ComposerVersion.normalize(raw)).isEqualTo(normalised);
  }

  @Test
  void versionCompareOrder() throws Exception {
    // version_compare: "dev" < "alpha" = "a" < "beta" = "b" < "RC" = "rc" < "#" < "pl" = "p"
    Comparisons.assertAscending(s, List.of("1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta", "1.0.0-beta2",
        "1.0.0-RC1", "1.0.0", "1.0.0-patch1", "1.0.0.1", "1.0.1-dev", "1.0.1"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1.0       | = | 1.0.0.0",
      "v2.0      | = | 2.0.0",
      "1.0.0-a1  | = | 1.0.0-alpha1",
      "1.0.0-b1  | = | 1.0.0-BETA1",
      "1.0.0-pl1 | = | 1.0.0-p1",
      "1.0.0+build.5 | = | 1.0.0",
      "1.10.0    | > | 1.9.0",
      "5.4.0-beta2 | < | 5.4.0-beta10",
      "1.x-dev   | > | 1.999.0",
  })
  void ordersAsComposer(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "dev-master", "dev-feature/x", "master", "1.0 as 2.0", "1.0@beta", "foo", "1.0.0-gamma",
      "1.0.0.0.0", "1.0,2.0", "1.0-dev-dev", "1234567890123456789012"})
  void rejectsBranchesAndNonVersions(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
