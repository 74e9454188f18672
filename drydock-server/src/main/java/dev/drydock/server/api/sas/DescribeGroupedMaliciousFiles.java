package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import dev.drydock.server.results.ImageScope;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeGroupedMaliciousFiles (reference §1.12): malicious or suspicious file samples found in
 * images, one entry per (rule, file MD5), with the number of images holding it. {@code CurrentPage}
 * and {@code PageSize} are required; {@code PageSize} is a string on the wire (at most 100).
 * {@code MaliciousKey} is {@code rule:md5}; {@code Level} serious/suspicious/remind; timestamps epoch
 * ms; {@code Status} 0 (unhandled).
 */
@Component
public class DescribeGroupedMaliciousFiles implements SasAction {

  private final FindingQueries findings;

  public DescribeGroupedMaliciousFiles(FindingQueries findings) {
    this.findings = findings;
  }

  public record Grouped(long firstScanTimestamp, long imageCount, long latestScanTimestamp, String level,
      String maliciousKey, @Nullable String maliciousMd5, String maliciousName, int status) {}

  public record Response(ResultParams.PageInfo pageInfo, List<Grouped> groupedMaliciousFileResponse) {}

  @Override
  public Object handle(Params params, CallContext context) {
    MaliciousFileParams f = MaliciousFileParams.of(params);
    int page = f.page();
    int size = f.size();
    ImageScope scope = f.scope();
    long total = findings.countSamples(scope, MaliciousFileParams.KIND, f.params(), f.condition());
    List<Grouped> items = findings.samples(scope, MaliciousFileParams.KIND, f.params(), f.condition(), size,
            (long) (page - 1) * size).stream()
        .map(s -> new Grouped(s.firstSeen().toEpochMilli(), s.images(),
            s.lastScanned() == null ? 0 : s.lastScanned().toEpochMilli(), s.level(),
            s.ruleId() + ":" + (s.md5() == null ? "" : s.md5()), s.md5(), s.ruleId(), 0))
        .toList();
    return new Response(new ResultParams.PageInfo(items.size(), page, size, total), items);
  }
}
