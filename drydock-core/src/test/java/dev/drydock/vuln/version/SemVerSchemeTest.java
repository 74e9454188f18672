package dev.drydock.vuln.version;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** semver.org 2.0.0 §11 examples, Go module versions. */
class SemVerSchemeTest {

  private final VersionScheme s = SemVerScheme.INSTANCE;

  @Test
  void semverOrgPrecedenceExamples() throws Exception {
    Comparisons.assertAscending(s, List.of("1.0.0", "2.0.0", "2.1.0", "2.1.1"));
    Comparisons.assertAscending(s, List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "1.0.0+20130313144700      | = | 1.0.0",
      "1.0.0-beta+exp.sha.5114f85 | = | 1.0.0-beta",
      "1.0.0+21AF26D3----117B344092BD | = | 1.0.0",
      "v1.2.3                    | = | 1.2.3",
      "v2.0.0+incompatible       | = | 2.0.0",
      "v2.0.0+incompatible       | > | v1.9.9",
      "10.0.0                    | > | 9.0.0",
      "1.0.0-alpha.1             | < | 1.0.0-alpha.a",
      "1.0.0-2                   | < | 1.0.0-10",
      "1.0.0-A                   | < | 1.0.0-a",
      "1.0.0-alpha-1             | > | 1.0.0-alpha",
      "99999999999999999999.0.0  | > | 9999999999999999999.0.0",
      // Go pseudo-versions: vX.0.0-yyyymmddhhmmss-abcdef, vX.Y.(Z+1)-0.yyyy…, vX.Y.Z-pre.0.yyyy…
      "v0.0.0-20191109021931-daa7c04131f5 | < | v0.0.0-20191109021932-aaaaaaaaaaaa",
      "v0.0.0-20191109021931-daa7c04131f5 | < | v0.1.0",
      "v1.2.4-0.20191109021931-daa7c04131f5 | > | v1.2.3",
      "v1.2.4-0.20191109021931-daa7c04131f5 | < | v1.2.4",
      "v1.2.4-0.20191109021931-daa7c04131f5 | < | v1.2.4-rc.1",
      "v1.2.3-pre.0.20191109021931-daa7c04131f5 | > | v1.2.3-pre",
      "v1.2.3-pre.0.20191109021931-daa7c04131f5 | < | v1.2.3",
  })
  void precedence(String a, String op, String b) throws Exception {
    Comparisons.assertOrder(s, a, op, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1.0", "1.0.0.0", "01.0.0", "1.01.0", "1.0.01", "1.0.0-01", "1.0.0-",
      "1.0.0+", "1.0.0-a..b", "1.0.0+a..b", "V1.0.0", "vv1.0.0", "1.0.0 ", " 1.0.0", "1.0.0-a_b", "=1.0.0",
      "1.0.0-ß", "-1.0.0"})
  void rejectsWhatTheGrammarForbids(String v) {
    Comparisons.assertInvalid(s, v);
  }
}
