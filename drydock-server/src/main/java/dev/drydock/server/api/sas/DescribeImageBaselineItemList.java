package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.BaselineCatalog;
import dev.drydock.server.results.FindingQueries;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * DescribeImageBaselineItemList (reference §1.11): the failed baseline items of one image
 * ({@code ImageUuid}, required), optionally of one class ({@code BaselineClassKey}) or name
 * ({@code BaselineNameKey}). {@code Status} 0 (failed, unfixed; {@code Status=1} asks for fixed
 * items and gets none), {@code WhiteList} 0. Paging: {@code PageInfo}, {@code PageSize} default 20.
 */
@Component
public class DescribeImageBaselineItemList implements SasAction {

  private final FindingQueries findings;

  public DescribeImageBaselineItemList(FindingQueries findings) {
    this.findings = findings;
  }

  public record ItemInfo(String baselineClassAlias, String baselineClassKey, String baselineItemAlias,
      String baselineItemKey, String baselineNameAlias, String baselineNameKey, int status, int whiteList) {}

  public record Response(ResultParams.PageInfo pageInfo, List<ItemInfo> baselineItemInfos) {}

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("ImageUuid");
    ResultParams.Paging paging = ResultParams.Paging.of(params, 20);
    int status = params.integer("Status", 0, 0, 3);
    String classKey = params.string("BaselineClassKey").orElse(null);
    String nameKey = params.string("BaselineNameKey").orElse(null);
    List<ItemInfo> all = status != 0 ? List.of()
        : findings.imageRules(ResultParams.scope(params), BaselineViews.KIND).stream()
            .map(r -> {
              BaselineCatalog.Name n = BaselineCatalog.nameOf(r.ruleId());
              String alias = BaselineCatalog.item(r.ruleId()).map(i -> i.name()).orElse(r.title());
              return new ItemInfo(n.classAlias(), n.classKey(), alias, r.ruleId(), n.alias(), n.key(), 0, 0);
            })
            .filter(i -> classKey == null || i.baselineClassKey().equals(classKey))
            .filter(i -> nameKey == null || i.baselineNameKey().equals(nameKey))
            .distinct().toList();
    List<ItemInfo> items = paging.slice(all);
    return new Response(paging.info(items.size(), all.size()), items);
  }
}
