package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import dev.drydock.server.results.ImageScope;
import dev.drydock.server.results.SensitiveCatalog;
import dev.drydock.server.inventory.SqlWhere;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * DescribeImageSensitiveFileList (reference §1.13): secrets found in images ({@code ImageUuid}: one
 * image; else every image in scope), one entry per kind of secret ({@code SensitiveFileKey}, the
 * engine's rule), with the number of files ({@code Count}, {@code UnprocessedNum}). Filters:
 * {@code RiskLevel} (high, medium, low), {@code SensitiveKeyList}, {@code Criteria} (a substring of
 * the key, or of the name unless {@code CriteriaType} is SensitiveFileKey). The secrets themselves
 * are never answered (the engine stores only masked evidence). Envelope: {@link SensitiveFileFields}.
 */
@Component
public class DescribeImageSensitiveFileList implements SasAction {

  private final FindingQueries findings;

  public DescribeImageSensitiveFileList(FindingQueries findings) {
    this.findings = findings;
  }

  public record SensitiveFile(String advice, String classKey, String className, long count, String description,
      long firstScanTime, long lastScanTime, String riskLevel, String sensitiveFileKey, String sensitiveFileName,
      int status, long unprocessedNum) {}

  public record Response(String code, int httpStatusCode, String message, boolean success,
      SensitiveFileFields.PageInfo pageInfo, List<SensitiveFile> sensitiveFileList) {}

  @Override
  public Object handle(Params params, CallContext context) {
    ResultParams.Paging paging = ResultParams.Paging.of(params, 20);
    List<String> c = new ArrayList<>();
    Map<String, Object> p = new HashMap<>();
    Set<String> levels = ResultParams.allowed(params, "RiskLevel", List.of("high", "medium", "low"));
    if (!levels.isEmpty()) {
      c.add("f.level IN (:levels)");
      p.put("levels", List.copyOf(levels));
    }
    List<String> keys = ResultParams.values(params, "SensitiveKeyList");
    if (!keys.isEmpty()) {
      c.add("f.rule_id IN (:keys)");
      p.put("keys", keys);
    }
    params.string("Criteria").ifPresent(v -> {
      boolean byKey = params.string("CriteriaType").map("SensitiveFileKey"::equals).orElse(false);
      c.add(byKey ? "LOWER(f.rule_id) LIKE :criteria ESCAPE '\\'"
          : "(LOWER(f.title) LIKE :criteria ESCAPE '\\' OR LOWER(f.rule_id) LIKE :criteria ESCAPE '\\')");
      p.put("criteria", SqlWhere.containsPattern(v.toLowerCase(Locale.ROOT)));
    });
    ImageScope scope = ResultParams.scope(params);
    String condition = String.join(" AND ", c);
    long total = findings.countSamples(scope, SensitiveFileFields.KIND, p, condition);
    List<SensitiveFile> items = findings.samples(scope, SensitiveFileFields.KIND, p, condition, paging.size(),
        paging.offset()).stream().map(s -> {
          SensitiveCatalog.SensitiveClass k = SensitiveCatalog.of(s.ruleId());
          long last = s.lastScanned() == null ? 0 : s.lastScanned().toEpochMilli();
          return new SensitiveFile(k.advice(), k.key(), k.name(), s.findings(), k.description(),
              s.firstSeen().toEpochMilli(), last, s.level(), s.ruleId(), s.title(), 0, s.findings());
        }).toList();
    String lastRow = items.isEmpty() ? "" : items.get(items.size() - 1).sensitiveFileKey();
    return new Response("200", 200, "successful", true,
        new SensitiveFileFields.PageInfo(items.size(), paging.page(), lastRow, paging.size(), total), items);
  }
}
