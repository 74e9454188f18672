package dev.drydock.vuln.version;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of the Gem::Version documentation. */
class RubyGemsVersionTest {

  private final VersionScheme s = RubyGemsVersion.INSTANCE;

  @Test
  void prereleasesSortBetweenReleases() throws Exception {
    // Gem::Version: "Prereleases sort between real releases (newest to oldest): 1.0, 1.0.b1, 1.0.a.2, 0.9"
    Comparisons.assertAscending(s, List.of("0.9", "1.0.a.2", "1.0.b1", "1.0"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1.0.a10   | > | 1.0.a9",
      "1.0.a10   | = | 1.0.a.10",
      "1.0       | = | 1.0.0",
      "1         | = | 1.0.0.0",
      "1.0-rc1   | = | 1.0.pre.rc1",
      "1.0-rc1   | < | 1.0",
      "1.0.rc1   | > | 1.0-rc1",
      "1.0.A     | < | 1.0.a",
      "1.0.0.a   | = | 1.0.a",
      "1.a.0     | = | 1.a",
      "2.7.0.rc2 | < | 2.7.0",
      "3.2.22.5  | < | 3.2.23",
      "  1.2  | = | 1.2",
  })
  void ordersAsGemVersion(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a", "1a", "1.", ".1", "1..0", "1.0-", "1.0-.a", "1.0_1", "v1.0", "1.0+b"})
  void rejectsWhatCorrectRejects(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
