package dev.drydock.check.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import dev.drydock.check.CheckFixtures;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The secret analyzer over every case of {@code testdata/secret/}: each case holds positive and
 * negative files side by side (a real token beside a placeholder, an excluded path beside the same
 * content where it counts). Every finding's evidence is checked to be masked: it ends in
 * {@code ****} and contains no secret the rule matches on that line.
 */
class SecretFixturesTest {

  static Stream<Path> cases() {
    return CheckFixtures.cases("secret");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixture(Path caseDir) throws Exception {
    CheckFixtures.Result r = CheckFixtures.assertMatchesWant(Secrets.analyzers(), c -> List.of(), caseDir);
    for (Finding f : r.findings()) {
      assertThat(f.kind()).isEqualTo(Finding.Kind.SECRET);
      assertMasked(caseDir, f);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sameFindingsWhateverTheChunkSize(Path caseDir) throws Exception {
    CheckFixtures.Result big = CheckFixtures.run(Secrets.analyzers(), c -> List.of(), caseDir, 1 << 16);
    CheckFixtures.Result tiny = CheckFixtures.run(Secrets.analyzers(), c -> List.of(), caseDir, 7);
    assertThat(tiny).isEqualTo(big);
  }

  static void assertMasked(Path caseDir, Finding f) throws Exception {
    SecretRule rule = SecretRules.all().stream().filter(x -> x.key().equals(f.ruleId())).findFirst().orElseThrow();
    assertThat(f.evidence()).endsWith(Mask.STARS);
    if (rule.labelOnly()) {
      return;
    }
    List<String> lines = Files.readAllLines(caseDir.resolve(f.path()), StandardCharsets.ISO_8859_1);
    String line = lines.get(f.line() - 1);
    Matcher m = rule.regex().matcher(line);
    boolean any = false;
    while (m.find()) {
      String secret = m.group("secret");
      any = true;
      assertThat(f.evidence()).doesNotContain(secret);
      assertThat(f.evidence().length() - Mask.STARS.length()).isLessThanOrEqualTo(Math.max(0, secret.length() / 4));
    }
    assertThat(any).as("rule %s matches line %s of %s", rule.key(), f.line(), f.path()).isTrue();
  }
}
