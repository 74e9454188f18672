package dev.drydock.vuln.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vuln.advisory.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Base scores against published values: CVSS v3.1 examples from FIRST's "CVSS v3.1 Examples"
 * document; CVSS v4.0 vectors with the scores FIRST's v4.0 calculator gives (as recorded in
 * RedHatProductSecurity/cvss's test vectors {@code vectors_simple4} and {@code vectors_threat4},
 * which are checked against that calculator); CVSS v2 from the v2 guide's arithmetic.
 */
class CvssTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    // FIRST CVSS v3.1 Examples: CVE-2013-1937, -0375, 2014-3566, 2012-1516, 2009-0783, 2012-0384,
    // 2015-1098, 2014-0160, 2014-6271, 2008-1447, 2014-2005, 2010-0467
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1, MEDIUM",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N, 6.4, MEDIUM",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N, 3.1, LOW",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H, 9.9, CRITICAL",
    "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L, 4.2, MEDIUM",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 8.8, HIGH",
    "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H, 7.8, HIGH",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N, 7.5, HIGH",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8, CRITICAL",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N, 6.8, MEDIUM",
    "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 6.8, MEDIUM",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N, 5.8, MEDIUM",
    // Log4Shell (GHSA-jfh8-c2jp-5v3q) and oidcc (GHSA-mj35-2rgf-cv8p)
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0, CRITICAL",
    "CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:C/C:N/I:N/A:H, 5.3, MEDIUM",
    // temporal metrics do not change the base score
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C, 9.8, CRITICAL",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0, UNKNOWN",
  })
  void v31(String vector, double score, Severity severity) {
    CvssScore s = Cvss.score(vector);
    assertThat(s.version()).isEqualTo("3.1");
    assertThat(s.score()).isEqualTo(score);
    assertThat(s.severity()).isEqualTo(severity);
    assertThat(s.source()).isEqualTo("cvss:3.1");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 9.3, CRITICAL",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H, 10.0, CRITICAL",
    "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N, 8.5, HIGH",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L, 9.2, CRITICAL",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:N/SA:L, 7.8, HIGH",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N, 5.1, MEDIUM",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N, 4.8, MEDIUM",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N, 2.1, LOW",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:N/VI:N/VA:N/SC:N/SI:L/SA:N, 2.3, LOW",
    "CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N, 4.0, MEDIUM",
    "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:L/SI:H/SA:L, 7.0, HIGH",
    "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:L/SC:H/SI:N/SA:N, 9.2, CRITICAL",
    "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:A/VC:L/VI:N/VA:N/SC:N/SI:L/SA:L, 1.0, LOW",
    "CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:N/VC:H/VI:H/VA:L/SC:N/SI:H/SA:L, 8.5, HIGH",
    "CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:N, 7.0, HIGH",
    "CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:N, 6.9, MEDIUM",
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:L, 7.2, HIGH",
    "CVSS:4.0/AV:P/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N, 0.0, UNKNOWN",
    // threat metrics (vectors_threat4)
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A, 7.3, HIGH",
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:P, 5.9, MEDIUM",
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U, 4.1, MEDIUM",
    // supplemental metrics and explicit X (not defined) values, as feeds write them
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:U/V:C/RE:M/U:Red, 10.0, CRITICAL",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X, 8.7, HIGH",
  })
  void v40(String vector, double score, Severity severity) {
    CvssScore s = Cvss.score(vector);
    assertThat(s.version()).isEqualTo("4.0");
    assertThat(s.score()).isEqualTo(score);
    assertThat(s.severity()).isEqualTo(severity);
    assertThat(s.source()).isEqualTo("cvss:4.0");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "AV:N/AC:L/Au:N/C:C/I:C/A:C, 10.0, HIGH",
    "AV:N/AC:L/Au:N/C:P/I:P/A:P, 7.5, HIGH",
    "AV:N/AC:M/Au:N/C:P/I:N/A:N, 4.3, MEDIUM",
    "AV:L/AC:L/Au:N/C:P/I:N/A:N, 2.1, LOW",
    "(AV:N/AC:M/Au:N/C:C/I:C/A:C), 9.3, HIGH",
    "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P, 7.5, HIGH",
  })
  void v2UsesNvdRatings(String vector, double score, Severity severity) {
    CvssScore s = Cvss.score(vector);
    assertThat(s.version()).isEqualTo("2.0");
    assertThat(s.score()).isEqualTo(score);
    assertThat(s.severity()).isEqualTo(severity);
  }

  @Test
  void v30IsItsOwnVersion() {
    CvssScore s = Cvss.score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(s.version()).isEqualTo("3.0");
    assertThat(s.score()).isEqualTo(9.8);
    assertThat(s.source()).isEqualTo("cvss:3.0");
  }

  @Test
  void preferenceRanksV4OverV3OverV2() {
    assertThat(Cvss.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").rank())
        .isGreaterThan(Cvss.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rank());
    assertThat(Cvss.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rank())
        .isGreaterThan(Cvss.score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rank());
    assertThat(Cvss.score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").rank())
        .isGreaterThan(Cvss.score("AV:N/AC:L/Au:N/C:P/I:P/A:P").rank());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "garbage",
    "CVSS:3.1/AV:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:Q/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XYZ:1",
    "cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h",
    "' '",
  })
  void malformedVectorsAreRejectedWithTheVector(String vector) {
    assertThatThrownBy(() -> Cvss.score(vector)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CVSS");
  }

  @ParameterizedTest
  @CsvSource({"9.0, CRITICAL", "8.9, HIGH", "7.0, HIGH", "6.9, MEDIUM", "4.0, MEDIUM", "3.9, LOW", "0.1, LOW", "0.0, UNKNOWN"})
  void qualitativeScaleOfV3AndV4(double score, Severity severity) {
    assertThat(Severity.fromCvssScore(score)).isEqualTo(severity);
  }
}
