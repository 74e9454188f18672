package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import dev.drydock.server.results.ImageScope;
import dev.drydock.server.results.VulnQueries;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * DescribeImageSecurityScanCount (reference §1.9): what the images in scope hold, counted the way
 * the list operations count their records: {@code ImageCveVulCount} / {@code ImageScaVulCount} the
 * (image, vulnerability) records of DescribeImageVulList for Type cve / sca,
 * {@code ImageBaselineCount} the (image, failed baseline item) pairs, {@code ImageMaliciousFileCount}
 * the malicious or suspicious files of DescribeAffectedMaliciousFileImages. Filters: ClusterId,
 * ImageDigest, ImageTag, ImageUuid, Uuids, RepoId, RepoInstanceId, RepoRegionId, ScanRange;
 * {@code Dealed} Y (handled) counts nothing, N or A (all) count everything found.
 */
@Component
public class DescribeImageSecurityScanCount implements SasAction {

  private final VulnQueries vulns;
  private final FindingQueries findings;

  public DescribeImageSecurityScanCount(VulnQueries vulns, FindingQueries findings) {
    this.vulns = vulns;
    this.findings = findings;
  }

  public record Data(long imageBaselineCount, long imageCveVulCount, long imageMaliciousFileCount,
      long imageScaVulCount) {}

  public record Response(Data data) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String dealed = params.oneOf("Dealed", List.of("Y", "N", "A", "y", "n", "a")).orElse("A");
    if (dealed.equalsIgnoreCase("Y")) {
      return new Response(new Data(0, 0, 0, 0));
    }
    ImageScope scope = ResultParams.scope(params);
    return new Response(new Data(
        findings.imageRules(scope, BaselineViews.KIND).size(),
        vulns.countRecords(scope, new VulnQueries.Filter("cve", null, null, Set.of(), null)),
        findings.count(scope, MaliciousFileParams.KIND, Map.of(), ""),
        vulns.countRecords(scope, new VulnQueries.Filter("sca", null, null, Set.of(), null))));
  }
}
