package dev.drydock.vuln.version;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The orderings documented by ComparableVersion and Maven's version order specification. */
class MavenVersionTest {

  private final VersionScheme s = MavenVersion.INSTANCE;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1         | < | 1.1",
      "1-snapshot | < | 1",
      "1         | < | 1-sp",
      "1-foo2    | < | 1-foo10",
      "1.foo     | = | 1-foo",
      "1-foo     | < | 1-1",
      "1-1       | < | 1.1",
      "1.ga      | = | 1-ga",
      "1-ga      | = | 1-0",
      "1-0       | = | 1.0",
      "1.0       | = | 1",
      "1-sp      | > | 1-ga",
      "1-sp.1    | > | 1-ga.1",
      "1-sp-1    | < | 1-ga-1",
      // the Javadoc says "1-ga-1" = "1-1"; maven-artifact 3.9.11 puts it below, and Maven resolves with the code
      "1-ga-1    | < | 1-1",
      "1-a1      | = | 1-alpha-1",
      "1.0-RC1   | = | 1.0-rc-1",
      "1.0-CR1   | = | 1.0-RC1",
      "1.0.0.Final | = | 1.0.0",
      "2.17.0    | > | 2.16.99",
      "2.0.0-M1  | < | 2.0.0",
  })
  void documentedOrderings(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @Test
  void qualifierLadder() throws Exception {
    Comparisons.assertAscending(s, List.of("1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1.0 ", "1.0\t", "[1.0,2.0)", "1.0,2.0", "(,1.0]"})
  void rejectsNonVersions(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
