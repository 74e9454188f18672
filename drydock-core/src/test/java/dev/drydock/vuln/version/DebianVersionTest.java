package dev.drydock.vuln.version;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Debian Policy §5.6.12 and deb-version(7) examples. */
class DebianVersionTest {

  private final VersionScheme s = DebianVersion.INSTANCE;

  @Test
  void tildeSortsBeforeEverythingEvenTheEndOfThePart() throws Exception {
    // Policy: "~~, ~~a, ~, the empty part, a"
    Comparisons.assertAscending(s, List.of("1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1.0       | = | 1.0",
      "1.0       | = | 0:1.0",
      "1.0       | = | 1.0-0",
      "1.0-1     | < | 1.0-2",
      "1:0.1     | > | 2.0",
      "2:1.0     | > | 1:9.9",
      "1.0       | < | 1.0.1",
      "1.0       | < | 1.0+dfsg",
      "1.0       | > | 1.0~rc1",
      "1.0~rc1   | < | 1.0~rc2",
      "1.0a      | < | 1.0+",
      "1.0a      | < | 1.0.",
      "1.0Z      | < | 1.0a",
      "2.30      | > | 2.3",
      "1.001     | = | 1.1",
      "1.0-1+deb12u1 | > | 1.0-1",
      "1.0-1+deb12u1 | < | 1.0-2",
      "1.0-1~bpo12+1 | < | 1.0-1",
      "2.36-9+deb12u4 | < | 2.36-9+deb12u10",
      "1.2.3-1ubuntu0.22.04.1 | > | 1.2.3-1",
      "1.2.3-1ubuntu0.22.04.1 | < | 1.2.3-1ubuntu1",
      "7.88.1-10+deb12u5 | < | 7.88.1-10+deb12u12",
      "20240101000000000000000001 | > | 20240101000000000000000000",
      "1:2.3-4-5 | = | 1:2.3-4-5",
      "1:2.3-4-5 | > | 1:2.3-4-4",
      "1:1:1-1   | > | 1:1-1",
  })
  void ordersAsDpkg(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a1.0", "1:", ":1.0", "x:1.0", "1.0-", "1.0 ", " 1.0", "1.0@", "1.0-a_b",
      "99999999999:1.0", "3000000000:1", "1.0_1", "-1"})
  void rejectsWhatPolicyForbids(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
