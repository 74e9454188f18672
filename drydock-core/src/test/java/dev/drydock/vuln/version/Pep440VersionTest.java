package dev.drydock.vuln.version;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PEP 440's ordering example and normalisation rules. */
class Pep440VersionTest {

  private final VersionScheme s = Pep440Version.INSTANCE;

  @Test
  void pep440OrderingExample() throws Exception {
    Comparisons.assertAscending(s, List.of(
        "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
        "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
        "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"));
  }

  @Test
  void epochsSortFirst() throws Exception {
    Comparisons.assertAscending(s, List.of("2013.10", "2014.04", "1!1.0", "1!1.1", "2!0.1"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1.0      | = | 1.0.0",
      "1.0      | = | 1.0.0.0",
      "v1.0     | = | 1.0",
      "0!1.0    | = | 1.0",
      "1.0a     | = | 1.0a0",
      "1.0alpha1 | = | 1.0a1",
      "1.0-ALPHA.1 | = | 1.0a1",
      "1.0beta2 | = | 1.0b2",
      "1.0c1    | = | 1.0rc1",
      "1.0.pre1 | = | 1.0rc1",
      "1.0preview1 | = | 1.0rc1",
      "1.0-1    | = | 1.0.post1",
      "1.0rev1  | = | 1.0.post1",
      "1.0-r    | = | 1.0.post0",
      "1.0.post | = | 1.0.post0",
      "1.0-dev  | = | 1.0.dev0",
      "1.0_DEV_3 | = | 1.0.dev3",
      "01.002   | = | 1.2",
      "1.0+Ubuntu-1 | = | 1.0+ubuntu.1",
      "1.0+ubuntu_1 | = | 1.0+ubuntu.1",
      "1.0+0001 | = | 1.0+1",
      "1.0+1    | > | 1.0+abc",
      "1.0+abc.1 | > | 1.0+abc",
      "1.0a1    | < | 1.0b1",
      "1.0b1    | < | 1.0rc1",
      "1.0.dev1 | < | 1.0a1",
      "1.0.post1.dev1 | < | 1.0.post1",
      "1.0.post1.dev1 | > | 1.0",
      "1.0a1.post1 | < | 1.0a2",
      "100000000000000000000 | > | 99999999999999999999",
  })
  void normalisationAndOrder(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a1.0", "1.0.x", "1.0-", "1..0", "1.0+", "1.0+a..b", "1.0+a_", "1!", "!1.0",
      "1.0abc", "1.0a1a2", "1.0 dev", "1.0-rc-1-1-1", "1.0.post1.post2", "1.0.dev1.dev2", "1.0+local+1", "vv1.0"})
  void rejectsInvalidVersions(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
