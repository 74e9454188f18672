package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.Ecosystem;
import dev.drydock.index.Finding;
import dev.drydock.vuln.Vulnerability;
import dev.drydock.vuln.VulnerabilityReport;
import dev.drydock.vuln.advisory.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three Security Center counts, as docs/statistics.md defines them, one rule per case. */
class StatisticsTest {

  private static Vulnerability vuln(String id, List<String> aliases, String pkg, String source,
      Vulnerability.Status status) {
    return new Vulnerability(id, aliases, Ecosystem.DEB, pkg, null, "1.0-1", null, status, Severity.HIGH, "test", null,
        null, source, "sha256:aa", "var/lib/dpkg/status", null, List.of());
  }

  private static Finding finding(Finding.Kind kind, String rule, String path) {
    return new Finding(kind, rule, rule, "high", path, null, null, Map.of(), "sha256:aa");
  }

  @Test
  void vulCountsDistinctIdsPreferringTheCve() {
    VulnerabilityReport r = new VulnerabilityReport(null, List.of(
        // one CVE in two binary packages of one source package, and again from osv.dev by its GHSA id
        vuln("CVE-2023-4911", List.of(), "libc6", "debian-tracker", Vulnerability.Status.FIXED),
        vuln("CVE-2023-4911", List.of(), "libc-bin", "debian-tracker", Vulnerability.Status.FIXED),
        vuln("GHSA-xxxx-yyyy-zzzz", List.of("CVE-2023-4911"), "libc6", "osv", Vulnerability.Status.FIXED),
        // no CVE: counted by its own id; every status counts
        vuln("TEMP-0000000-A1B2C3", List.of(), "openssl", "debian-tracker", Vulnerability.Status.UNDETERMINED),
        vuln("CVE-2010-4756", List.of(), "libc6", "debian-tracker", Vulnerability.Status.WILL_NOT_FIX),
        vuln("CVE-2019-18276", List.of(), "bash", "debian-tracker", Vulnerability.Status.UNFIXED)), List.of(), true);
    assertThat(Statistics.of(r, List.of()).vul()).isEqualTo(4);
    assertThat(Statistics.of(null, List.of()).vul()).as("vulnerability scanning not selected").isZero();
  }

  @Test
  void baselineNumCountsFailedItemsOncePerImage() {
    List<Finding> findings = List.of(
        finding(Finding.Kind.BASELINE, "file_unexpected_setuid", "usr/bin/a"),
        finding(Finding.Kind.BASELINE, "file_unexpected_setuid", "usr/bin/b"),
        finding(Finding.Kind.BASELINE, "config_run_as_root", ""),
        finding(Finding.Kind.SECRET, "aws_access_key_id", "app/.env"),
        finding(Finding.Kind.MALWARE, "EICAR_Test_File", "tmp/eicar.com"));
    assertThat(Statistics.of(null, findings).baselineNum()).isEqualTo(2);
  }

  @Test
  void newSuspiciousCountsEachRuleAndFilePairOnce() {
    List<Finding> findings = List.of(
        finding(Finding.Kind.MALWARE, "EICAR_Test_File", "tmp/eicar.com"),
        finding(Finding.Kind.MALWARE, "EICAR_Test_File", "tmp/eicar.com"),
        finding(Finding.Kind.MALWARE, "Eicar-Test-Signature.SHA256", "tmp/eicar.com"),
        finding(Finding.Kind.MALWARE, "EICAR_Test_File", "srv/eicar.txt"),
        finding(Finding.Kind.SECRET, "private_key", "root/.ssh/id_rsa"),
        finding(Finding.Kind.BASELINE, "config_no_healthcheck", ""));
    Statistics s = Statistics.of(null, findings);
    assertThat(s.newSuspicious()).isEqualTo(3);
    assertThat(s).as("secrets are in none of the three").isEqualTo(new Statistics(0, 1, 3));
  }
}
