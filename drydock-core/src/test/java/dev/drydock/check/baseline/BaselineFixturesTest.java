package dev.drydock.check.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.check.CheckFixtures;
import dev.drydock.index.Finding;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every baseline analyzer and image-configuration check over every case of
 * {@code testdata/baseline/}: positive cases ({@code shadow-weak-passwords}, {@code sshd-insecure},
 * {@code sudo-nopasswd}, {@code config-insecure} …) beside negative ones built from the same real
 * files ({@code shadow-minbase}, {@code sshd-debian-default}, {@code sudo-debian-default},
 * {@code config-hardened} …). See {@code testdata/baseline/README.md} for where each file comes from.
 */
class BaselineFixturesTest {

  static Stream<Path> cases() {
    return CheckFixtures.cases("baseline");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixture(Path caseDir) throws Exception {
    CheckFixtures.Result r = CheckFixtures.assertMatchesWant(Baseline.analyzers(), Baseline::checkConfig, caseDir);
    assertThat(r.findings()).allSatisfy(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.BASELINE);
      assertThat(Baseline.items()).anySatisfy(i -> assertThat(i.key()).isEqualTo(f.ruleId()));
      assertThat(f.layer()).isNull();
    });
  }
}
