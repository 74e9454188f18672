package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.ImageCatalog;
import dev.drydock.server.inventory.InventoryImage;
import dev.drydock.server.inventory.SqlWhere;
import dev.drydock.server.task.ImageScanStates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageInstances (reference §1.9): a page of inventory images.
 *
 * <p>Request: {@code Criteria} and {@code LogicalExp} ({@link ImageCriteria}), {@code CurrentPage}
 * (default 1), {@code PageSize} (default 20, at most {@value ListImageRisk#MAX_PAGE_SIZE}),
 * {@code Scanned} (true: images whose digest has a stored scan report; false: those without).
 *
 * <p>Response: {@code ImageInstanceList[]} and {@code PageInfo}, in ListImageRisk's order. The
 * scan-derived fields read the latest scan of the digest: VulCount / HcCount / AlarmCount =
 * {@code image_risk.vul / baseline_num / new_suspicious} (0 before any scan), VulStatus / HcStatus
 * / AlarmStatus / RiskStatus = YES when the count (any count, for RiskStatus) is above 0;
 * LastScanTime = {@code image_report.scanned_at} (epoch ms); ScaStatus, ScaProgress and ScaResult
 * from the latest scan task job of the digest ({@link ImageScanStates}: INIT, DOWNLOAD, CVE_ANALYZER,
 * SUCCESS, FAIL), else SUCCESS / 100 when a report is stored (scanned before tasks existed), else
 * absent. Deployed is 1 when a {@code workload_image} row runs the
 * digest. InstanceId is the Id of the registry the image came from; ImageSize its layer bytes;
 * ImageCreate / ImageUpdate epoch ms as strings; RepoType lower-case ({@code private|public}) as
 * this operation documents it; Status {@code NORMAL}. SourceBizTag: absent.
 */
@Component
public class DescribeImageInstances implements SasAction {

  private final ImageCatalog catalog;
  private final ImageScanStates scanStates;

  public DescribeImageInstances(ImageCatalog catalog, ImageScanStates scanStates) {
    this.catalog = catalog;
    this.scanStates = scanStates;
  }

  public record Response(List<Item> imageInstanceList, PageInfo pageInfo) {}

  public record Item(int alarmCount, String alarmStatus, int deployed, String digest, @Nullable String endpoints,
      int hcCount, String hcStatus, @Nullable String imageCreate, @Nullable String imageId,
      @Nullable String imageSize, @Nullable String imageUpdate, @Nullable String instanceId,
      @Nullable Long lastScanTime, String regionId, @Nullable String registryType, String repoId, String repoName,
      String repoNamespace, String repoType, String riskStatus, @Nullable Integer scaProgress,
      @Nullable String scaResult, @Nullable String scaStatus, String status, String tag, String uuid, int vulCount,
      String vulStatus) {

    static Item of(InventoryImage i, ImageScanStates.@Nullable State scan) {
      InventoryImage.Risk r = i.risk();
      boolean scanned = i.lastScan() != null;
      Integer progress = scan != null ? Integer.valueOf(scan.scaProgress()) : scanned ? Integer.valueOf(100) : null;
      String status = scan != null ? scan.scaStatus() : scanned ? "SUCCESS" : null;
      return new Item(r.newSuspicious(), ImageStatus.alarm(r), i.deployed() ? 1 : 0, i.digest(), i.endpoints(),
          r.baselineNum(), ImageStatus.hc(r), string(i.imageCreate()), i.imageId(), string(i.imageSize()),
          string(i.imageUpdate()), ImageStatus.instanceId(i), scanned ? i.lastScan().toEpochMilli() : null,
          i.regionId(), i.registryType(), i.repoId(), i.repoName(), i.repoNamespace(),
          i.repoType().toLowerCase(Locale.ROOT), ImageStatus.risk(r), progress, scan == null ? null : scan.scaResult(),
          status, "NORMAL", i.tag(), i.uuid(), r.vul(), ImageStatus.vul(r));
    }

    private static @Nullable String string(@Nullable Long v) {
      return v == null ? null : v.toString();
    }
  }

  @Override
  public Object handle(Params params, CallContext context) {
    int page = params.currentPage();
    int size = params.pageSize(ListImageRisk.DEFAULT_PAGE_SIZE, ListImageRisk.MAX_PAGE_SIZE);
    SqlWhere where = new SqlWhere();
    ImageCriteria.apply(params, where);
    params.bool("Scanned").ifPresent(s -> where.and(s ? "s.digest IS NOT NULL" : "s.digest IS NULL"));
    ImageCatalog.Page result = catalog.page(where, page, size, true);
    Map<String, ImageScanStates.State> scans = scanStates.latest(
        result.images().stream().map(InventoryImage::digest).toList());
    List<Item> items = result.images().stream().map(i -> Item.of(i, scans.get(i.digest()))).toList();
    return new Response(items, new PageInfo(items.size(), page, size, result.totalCount()));
  }
}
