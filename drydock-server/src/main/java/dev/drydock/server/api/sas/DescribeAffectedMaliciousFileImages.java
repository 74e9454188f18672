package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.FindingQueries;
import dev.drydock.server.results.ImageRef;
import dev.drydock.server.results.ImageScope;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeAffectedMaliciousFileImages (reference §1.12): each malicious or suspicious file in each
 * image, with where it is ({@code FilePath}, {@code Layer}) and what matched ({@code HighLight}:
 * the rule's evidence). {@code CurrentPage} and {@code PageSize} (a string) are required. Filters:
 * the image scope, {@code Levels}, {@code MaliciousMd5}, {@code ImageLayer}; {@code Status} 0
 * (unhandled; asking for another status gets nothing). Cluster, container and host fields are
 * empty; {@code DownloadUrl} is empty (samples are not kept).
 */
@Component
public class DescribeAffectedMaliciousFileImages implements SasAction {

  private final FindingQueries findings;

  public DescribeAffectedMaliciousFileImages(FindingQueries findings) {
    this.findings = findings;
  }

  public record Affected(String clusterId, String clusterName, String containerId, String digest, String downloadUrl,
      String filePath, long firstScanTimestamp, String highLight, long id, String image, String imageUuid,
      String instanceName, String internetIp, String intranetIp, long latestScanTimestamp,
      long latestVerifyTimestamp, @Nullable String layer, String level, @Nullable String maliciousMd5,
      String namespace, String pod, @Nullable String repoId, String repoInstanceId, String repoName,
      @Nullable String repoRegionId, int status, String tag, String targetId, String targetName, String targetType,
      String uuid) {}

  public record Response(ResultParams.PageInfo pageInfo, List<Affected> affectedMaliciousFileImagesResponse) {}

  @Override
  public Object handle(Params params, CallContext context) {
    MaliciousFileParams f = MaliciousFileParams.of(params);
    int page = f.page();
    int size = f.size();
    ImageScope scope = f.scope();
    if (params.integer("Status", 0, 0, 3) != 0) {
      return new Response(new ResultParams.PageInfo(0, page, size, 0), List.of());
    }
    long total = findings.count(scope, MaliciousFileParams.KIND, f.params(), f.condition());
    List<Affected> items = findings.rows(scope, MaliciousFileParams.KIND, f.params(), f.condition(), size,
        (long) (page - 1) * size).stream().map(DescribeAffectedMaliciousFileImages::of).toList();
    return new Response(new ResultParams.PageInfo(items.size(), page, size, total), items);
  }

  private static Affected of(FindingQueries.Row r) {
    ImageRef i = r.image();
    long last = i.scannedAt() == null ? 0 : i.scannedAt().toEpochMilli();
    return new Affected("", "", "", i.digest(), "", r.path(), r.firstSeen().toEpochMilli(),
        r.evidence() == null ? r.title() : r.evidence(), r.id(), i.name(), i.uuid(), "", "", "", last, last, r.layer(),
        r.level(), r.md5(), "", "", i.repoId(), i.registryId() == null ? "" : i.registryId().toString(), i.repoName(),
        i.regionId(), 0, i.tag(), i.uuid(), i.name(), "IMAGE", i.uuid());
  }
}
