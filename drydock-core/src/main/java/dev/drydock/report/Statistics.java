package dev.drydock.report;

import dev.drydock.index.Finding;
import dev.drydock.vuln.VulnerabilityReport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The three risk counts of an image, as Security Center's {@code Statistics} states them
 * ({@code {"baselineNum":…,"newSuspicious":…,"vul":…}}). Definitions (docs/statistics.md):
 *
 * @param vul distinct vulnerability identifiers over all packages (a CVE id when the advisory has
 *     one, so the same CVE reported by two feeds or for two binary packages counts once)
 * @param baselineNum distinct baseline items that failed (a check key counts once per image,
 *     however many files or settings fail it)
 * @param newSuspicious malicious or suspicious file findings: each (rule, file) pair counts once
 */
public record Statistics(long vul, long baselineNum, long newSuspicious) {

  public static final Statistics ZERO = new Statistics(0, 0, 0);

  public static Statistics of(@Nullable VulnerabilityReport vulns, List<Finding> findings) {
    long vul = vulns == null ? 0 : vulns.distinctIds();
    long baseline = findings.stream().filter(f -> f.kind() == Finding.Kind.BASELINE).map(Finding::ruleId).distinct().count();
    long suspicious = findings.stream().filter(f -> f.kind() == Finding.Kind.MALWARE)
        .map(f -> f.ruleId() + "\u0000" + f.path()).distinct().count();
    return new Statistics(vul, baseline, suspicious);
  }
}
