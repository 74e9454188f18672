package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * DescribeImageBaselineCheckResult (reference §1.11): the failed baseline checks of one image
 * ({@code ImageUuid}, required), one entry per baseline name with its number of failed items by
 * level. Filters and paging as DescribeImageBaselineCheckSummary.
 */
@Component
public class DescribeImageBaselineCheckResult implements SasAction {

  private final FindingQueries findings;

  public DescribeImageBaselineCheckResult(FindingQueries findings) {
    this.findings = findings;
  }

  public record Result(String baselineClassAlias, long baselineItemCount, String baselineNameAlias,
      String baselineNameKey, String baselineNameLevel, long firstScanTime, long highRiskItemCount,
      long lastScanTime, long lowRiskItemCount, long middleRiskItemCount, int status) {}

  public record Response(ResultParams.PageInfo pageInfo, List<Result> baselineResult) {}

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("ImageUuid");
    ResultParams.Paging paging = ResultParams.Paging.of(params, 20);
    List<BaselineViews.NameGroup> groups = BaselineViews.groups(
        findings.imageRules(ResultParams.scope(params), BaselineViews.KIND), params);
    List<Result> items = paging.slice(groups).stream().map(g -> new Result(g.name().classAlias(),
        g.rules().size(), g.name().alias(), g.name().key(), g.level(), g.firstScan(), g.count("high", false),
        g.lastScan(), g.count("low", false), g.count("medium", false), 0)).toList();
    return new Response(paging.info(items.size(), groups.size()), items);
  }
}
