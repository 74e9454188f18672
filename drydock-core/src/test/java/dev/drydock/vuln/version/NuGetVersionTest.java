package dev.drydock.vuln.version;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of NuGet's "Package versioning" documentation. */
class NuGetVersionTest {

  private final VersionScheme s = NuGetVersion.INSTANCE;

  @Test
  void prereleasePrecedenceExample() throws Exception {
    // "the following versions would be chosen in the exact order shown: 1.0.1, 1.0.1-zzz, 1.0.1-rc,
    // 1.0.1-open, 1.0.1-beta, 1.0.1-alpha2, 1.0.1-alpha10, 1.0.1-aaa"
    Comparisons.assertAscending(s, List.of("1.0.1-aaa", "1.0.1-alpha10", "1.0.1-alpha2", "1.0.1-beta",
        "1.0.1-open", "1.0.1-rc", "1.0.1-zzz", "1.0.1"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1.01.1        | = | 1.1.1",
      "1.00          | = | 1.0.0",
      "1.0.0.0       | = | 1.0.0",
      "1             | = | 1.0.0",
      "1.0.01.0      | = | 1.0.1",
      "1.0.0.1       | > | 1.0.0",
      "1.0.0.1       | < | 1.0.1",
      "1.0.0-BETA    | = | 1.0.0-beta",
      "1.0.0+a       | = | 1.0.0+b",
      "1.0.0-beta.2  | < | 1.0.0-beta.11",
      "1.0.0-beta.2  | > | 1.0.0-beta",
      "1.0.0-1       | < | 1.0.0-a",
      "1.0.0-01      | = | 1.0.0-1",
      "1.0.0-rc.1+build.5 | < | 1.0.0",
      "4.0.0-preview1.19506.1 | < | 4.0.0",
      "2147483647.0.0 | > | 2147483646.0.0",
  })
  void ordersAsVersionComparer(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.", ".1", "1.0.0.0.0", "1.0-", "1.0+", "1.0-a..b", "1.0-a_b", "a", "v1.0",
      "2147483648.0", "1.0 ", "-1.0"})
  void rejectsInvalidVersions(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
