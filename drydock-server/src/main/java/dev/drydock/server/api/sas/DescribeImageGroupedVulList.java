package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.VulnQueries;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageGroupedVulList (reference §1.10, paging §1.16): vulnerabilities over every image in
 * scope, one item per vulnerability, most severe first; flat paging ({@code PageSize} default 20).
 * {@code AsapCount}/{@code LaterCount}/{@code NntfCount}: images affected, by necessity.
 * {@code Type}: cve (OS packages, the default) or sca (language packages). {@code Name} is the CVE
 * id (else the advisory id), {@code AliasName} its title; {@code Status} 0 (unhandled);
 * {@code GmtLast}/{@code LastScanTime}: when it was last matched (epoch ms). Filters: the image
 * scope, {@code CveId}/{@code Name}, {@code AliasName} (substring), {@code Necessity},
 * {@code ImageLayer}; {@code GroupId}, {@code PatchId}, {@code RuleTag}, {@code IsLatest} are
 * accepted and do not narrow anything.
 */
@Component
public class DescribeImageGroupedVulList implements SasAction {

  private final VulnQueries queries;

  public DescribeImageGroupedVulList(VulnQueries queries) {
    this.queries = queries;
  }

  public record GroupedVulItem(String aliasName, long asapCount, String canFix, long gmtLast, long lastScanTime,
      long laterCount, String name, long nntfCount, String ruleTag, int status, String tags, String type) {}

  public record Response(int currentPage, int pageSize, long totalCount, List<GroupedVulItem> groupedVulItems) {}

  @Override
  public Object handle(Params params, CallContext context) {
    ResultParams.Paging paging = ResultParams.Paging.of(params, 20);
    params.integer("IsLatest", 0, 0, 1);
    params.longValue("PatchId");
    String type = params.oneOf("Type", List.of("cve", "sca")).orElse("cve");
    Set<String> necessity = ResultParams.allowed(params, "Necessity", List.of("asap", "later", "nntf"));
    @Nullable String id = params.string("CveId").or(() -> params.string("Name")).map(DescribeImageVulList::id)
        .orElse(null);
    VulnQueries.Filter f = new VulnQueries.Filter(type, id, params.string("AliasName").orElse(null), necessity,
        params.string("ImageLayer").orElse(null));
    long total = queries.countGroups(ResultParams.scope(params), f);
    List<GroupedVulItem> items = queries.groups(ResultParams.scope(params), f, paging.page(), paging.size()).stream()
        .map(g -> {
          long last = DescribeImageVulList.millis(g.lastMatched());
          return new GroupedVulItem(g.title() == null ? g.vulnId() : g.title(), g.asap(), g.canFix() ? "yes" : "no",
              last, last, g.later(), g.vulnId(), g.nntf(), "", 0, "", g.type());
        }).toList();
    return new Response(paging.page(), paging.size(), total, items);
  }
}
