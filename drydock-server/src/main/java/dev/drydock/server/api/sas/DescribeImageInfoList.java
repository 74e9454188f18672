package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.ImageCatalog;
import dev.drydock.server.inventory.InventoryImage;
import dev.drydock.server.inventory.SqlWhere;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageInfoList (reference §1.9): the images with the given Uuids.
 *
 * <p>Request: {@code Uuids} (required; comma-separated, at most {@value #MAX_UUIDS}). Response:
 * {@code ImageInfos[]} in the order the Uuids were given, each Uuid once; Uuids Drydock does not
 * know are left out. Fields as DescribeImageInstances reads them, except ImageCreate, ImageSize
 * and ImageUpdate are numbers, RepoType upper-case ({@code PUBLIC|PRIVATE}) and TagImmutable is
 * included.
 */
@Component
public class DescribeImageInfoList implements SasAction {

  static final int MAX_UUIDS = 100;

  private final ImageCatalog catalog;

  public DescribeImageInfoList(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  public record Response(List<Info> imageInfos) {}

  public record Info(int alarmCount, String alarmStatus, String digest, @Nullable String endpoints,
      @Nullable Long imageCreate, @Nullable String imageId, @Nullable Long imageSize, @Nullable Long imageUpdate,
      @Nullable String instanceId, String regionId, @Nullable String registryType, String repoId, String repoName,
      String repoNamespace, String repoType, String riskStatus, String status, String tag, int tagImmutable,
      String uuid, int vulCount, String vulStatus) {

    static Info of(InventoryImage i) {
      InventoryImage.Risk r = i.risk();
      return new Info(r.newSuspicious(), ImageStatus.alarm(r), i.digest(), i.endpoints(), i.imageCreate(),
          i.imageId(), i.imageSize(), i.imageUpdate(), ImageStatus.instanceId(i), i.regionId(), i.registryType(),
          i.repoId(), i.repoName(), i.repoNamespace(), i.repoType(), ImageStatus.risk(r), "NORMAL", i.tag(),
          i.tagImmutable(), i.uuid(), r.vul(), ImageStatus.vul(r));
    }
  }

  @Override
  public Object handle(Params params, CallContext context) {
    List<String> uuids = List.copyOf(new LinkedHashSet<>(params.commaList("Uuids")));
    if (uuids.isEmpty()) {
      throw ApiException.missing("Uuids");
    }
    if (uuids.size() > MAX_UUIDS) {
      throw ApiException.invalid("Uuids", "at most " + MAX_UUIDS + " Uuids, got " + uuids.size());
    }
    SqlWhere where = new SqlWhere();
    where.and("i.uuid IN (" + String.join(", ", uuids.stream().map(where::param).toList()) + ")");
    List<Info> infos = catalog.all(where, MAX_UUIDS).stream()
        .sorted(Comparator.comparingInt(i -> uuids.indexOf(i.uuid())))
        .map(Info::of)
        .toList();
    return new Response(infos);
  }
}
