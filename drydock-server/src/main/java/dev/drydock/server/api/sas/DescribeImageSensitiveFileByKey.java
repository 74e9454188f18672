package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import dev.drydock.server.results.ImageScope;
import dev.drydock.server.results.SensitiveCatalog;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageSensitiveFileByKey (reference §1.13): the files holding secrets, with the layer that
 * added each — of one image ({@code ImageUuid}; without it, of every image in scope) and of one
 * kind of secret ({@code SensitiveFileKey}; without it, of every kind). Both are optional, as in the
 * reference and the SDK's request model. {@code Promt} (sic, as the SDK names it) shows where and
 * what matched, masked: {@code line 2: LTAI****}. Envelope: {@link SensitiveFileFields}.
 */
@Component
public class DescribeImageSensitiveFileByKey implements SasAction {

  private final FindingQueries findings;

  public DescribeImageSensitiveFileByKey(FindingQueries findings) {
    this.findings = findings;
  }

  public record SensitiveFile(String advice, String description, String filePath, long firstScanTime,
      long lastScanTime, @Nullable String layerDigest, @Nullable String md5, String promt, String riskLevel,
      String sensitiveFileKey, String sensitiveFileName) {}

  public record Response(String code, int httpStatusCode, String message, boolean success,
      SensitiveFileFields.PageInfo pageInfo, List<SensitiveFile> sensitiveFileList) {}

  @Override
  public Object handle(Params params, CallContext context) {
    ResultParams.Paging paging = ResultParams.Paging.of(params, 20);
    ImageScope scope = ResultParams.scope(params);
    Map<String, Object> p = params.string("SensitiveFileKey").map(k -> Map.<String, Object>of("key", k))
        .orElse(Map.of());
    String condition = p.isEmpty() ? "" : "f.rule_id = :key";
    long total = findings.count(scope, SensitiveFileFields.KIND, p, condition);
    List<FindingQueries.Row> rows = findings.rows(scope, SensitiveFileFields.KIND, p, condition, paging.size(),
        paging.offset());
    List<SensitiveFile> items = rows.stream().map(r -> {
      SensitiveCatalog.SensitiveClass k = SensitiveCatalog.of(r.ruleId());
      return new SensitiveFile(k.advice(), k.description(), r.path(), r.firstSeen().toEpochMilli(),
          r.image().scannedAt() == null ? 0 : r.image().scannedAt().toEpochMilli(), r.layer(), r.md5(),
          (r.line() == null ? "" : "line " + r.line() + ": ") + (r.evidence() == null ? "" : r.evidence()), r.level(),
          r.ruleId(), r.title());
    }).toList();
    String lastRow = rows.isEmpty() ? "" : String.valueOf(rows.get(rows.size() - 1).id());
    return new Response("200", 200, "successful", true,
        new SensitiveFileFields.PageInfo(items.size(), paging.page(), lastRow, paging.size(), total), items);
  }
}
