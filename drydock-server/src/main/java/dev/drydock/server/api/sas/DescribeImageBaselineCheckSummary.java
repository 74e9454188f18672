package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * DescribeImageBaselineCheckSummary (reference §1.11): failed baseline checks over the images in
 * scope, one entry per baseline name (see {@link dev.drydock.server.results.BaselineCatalog}), with
 * the number of images whose worst failed item of that name is high / medium / low. Times are
 * epoch ms (first seen, last scanned); {@code Status} 0 (unfixed). Paging: {@code PageInfo},
 * {@code PageSize} default 20.
 */
@Component
public class DescribeImageBaselineCheckSummary implements SasAction {

  private final FindingQueries findings;

  public DescribeImageBaselineCheckSummary(FindingQueries findings) {
    this.findings = findings;
  }

  public record Summary(String baselineClassAlias, String baselineClassKey, String baselineNameAlias,
      String baselineNameKey, String baselineNameLevel, long firstScanTime, long highRiskImage, long lastScanTime,
      long lowRiskImage, long middleRiskImage, int status) {}

  public record Response(ResultParams.PageInfo pageInfo, List<Summary> baselineResultSummary) {}

  @Override
  public Object handle(Params params, CallContext context) {
    ResultParams.Paging paging = ResultParams.Paging.of(params, 20);
    List<BaselineViews.NameGroup> groups = BaselineViews.groups(
        findings.imageRules(ResultParams.scope(params), BaselineViews.KIND), params);
    List<Summary> items = paging.slice(groups).stream().map(g -> new Summary(
        g.name().classAlias(), g.name().classKey(), g.name().alias(), g.name().key(), g.level(), g.firstScan(),
        g.count("high", true), g.lastScan(), g.count("low", true), g.count("medium", true), 0)).toList();
    return new Response(paging.info(items.size(), groups.size()), items);
  }
}
