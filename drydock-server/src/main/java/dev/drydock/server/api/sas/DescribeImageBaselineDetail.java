package dev.drydock.server.api.sas;

import dev.drydock.check.baseline.BaselineItem;
import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.BaselineCatalog;
import dev.drydock.server.results.FindingQueries;
import dev.drydock.server.results.ImageScope;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageBaselineDetail (reference §1.11): what a baseline item checks and how to fix it
 * ({@code BaselineItemKey}, required), and with {@code ImageUuid} what failed in that image:
 * {@code Prompt} lists each failing file or setting ({@code path:line: evidence}, evidence masked as
 * the engine stores it), {@code ResultId} the first finding's id. An unknown item key is
 * InvalidParameter.NotFound.
 */
@Component
public class DescribeImageBaselineDetail implements SasAction {

  private final FindingQueries findings;

  public DescribeImageBaselineDetail(FindingQueries findings) {
    this.findings = findings;
  }

  public record Detail(String advice, String baselineClassAlias, String baselineItemAlias, String baselineItemKey,
      String baselineNameAlias, String description, String level, String prompt, @Nullable Long resultId) {}

  public record Response(Detail baselineDetail) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String key = params.required("BaselineItemKey");
    ResultParams.lang(params);
    BaselineItem item = BaselineCatalog.item(key).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
        "The specified BaselineItemKey does not exist: " + key));
    BaselineCatalog.Name name = BaselineCatalog.nameOf(key);
    List<FindingQueries.Row> rows = params.string("ImageUuid").isEmpty() ? List.of()
        : findings.rows(new ImageScope(List.of(params.required("ImageUuid")), null, null, null, null, null, null,
            null, null, null, null, null, false), BaselineViews.KIND, Map.of("rule", key), "f.rule_id = :rule", 200, 0);
    String prompt = rows.stream().map(r -> (r.path().isEmpty() ? "image configuration" : r.path())
            + (r.line() == null ? "" : ":" + r.line()) + (r.evidence() == null ? "" : ": " + r.evidence()))
        .distinct().collect(Collectors.joining("\n"));
    return new Response(new Detail(item.advice(), name.classAlias(), item.name(), key, name.alias(),
        item.description(), item.level().key(), prompt, rows.isEmpty() ? null : rows.get(0).id()));
  }
}
