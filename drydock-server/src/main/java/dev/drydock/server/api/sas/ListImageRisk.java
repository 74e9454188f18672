package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.ImageCatalog;
import dev.drydock.server.inventory.ImageFilters;
import dev.drydock.server.inventory.ImageName;
import dev.drydock.server.inventory.InventoryImage;
import dev.drydock.server.inventory.SqlWhere;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ListImageRisk (the seed page; reference §1.7): a page of inventory images with their registry
 * fields and the risk statistics of their latest scan.
 *
 * <p>Request: {@code CurrentPage} (1-based, default 1), {@code PageSize} (default 20, at most
 * {@value #MAX_PAGE_SIZE}; anything else is InvalidParameter naming it), {@code ClusterId},
 * {@code Namespace} (the Kubernetes namespace a workload runs in) and {@code AppName}: images run
 * by a matching {@code workload_image} row ({@link ImageFilters#workload}), and {@code ImageName}
 * ({@link ImageName}: {@code namespace/repo:tag} and {@code repo:tag} exact, {@code namespace/repo}
 * every tag, other text a case-insensitive substring). Filters are ANDed.
 *
 * <p>Response: {@code ImageRiskList[]} with Digest, EndPointList[{Domains[], Type}], Endpoints,
 * Image ({@code domain/namespace/repo:tag}), ImageAccessType, ImageId, InternetURLs, RegionId,
 * RegistryType, RepoId, RepoName, RepoNamespace, RepoType, Statistics (a JSON <em>string</em>
 * {@code {"baselineNum":…,"newSuspicious":…,"vul":…}} of the latest scan of the digest, zeros
 * before any: docs/statistics.md), Tag, TagImmutable, Uuid, VpcURLs; and
 * {@code PageInfo{TotalCount, Count, PageSize, CurrentPage}}. Order: {@code namespace/repo:tag},
 * then a unique id ({@link ImageCatalog}).
 */
@Component
public class ListImageRisk implements SasAction {

  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 100;

  private final ImageCatalog catalog;

  public ListImageRisk(ImageCatalog catalog) {
    this.catalog = catalog;
  }

  public record Response(List<Item> imageRiskList, PageInfo pageInfo) {}

  public record EndPoint(List<String> domains, String type) {}

  /**
   * One image, with every field of the seed always present: what Drydock has no value for (the
   * registry fields of a {@code NOT_IN_SAS} image, an ImageId not known yet) is an empty string.
   */
  public record Item(String digest, List<EndPoint> endPointList, String endpoints, String image,
      String imageAccessType, String imageId, String internetURLs, String regionId, String registryType,
      String repoId, String repoName, String repoNamespace, String repoType, String statistics, String tag,
      int tagImmutable, String uuid, String vpcURLs) {

    static Item of(InventoryImage i) {
      List<EndPoint> endPoints = i.endpointType() == null ? List.of() : List.of(new EndPoint(i.domains(), i.endpointType()));
      return new Item(i.digest(), endPoints, s(i.endpoints()), i.reference(), i.accessType(), s(i.imageId()),
          s(i.internetUrls()), i.regionId(), s(i.registryType()), i.repoId(), i.repoName(), i.repoNamespace(),
          i.repoType(), i.risk().json(), i.tag(), i.tagImmutable(), i.uuid(), s(i.vpcUrls()));
    }

    private static String s(@Nullable String v) {
      return v == null ? "" : v;
    }
  }

  @Override
  public Object handle(Params params, CallContext context) {
    int page = params.currentPage();
    int size = params.pageSize(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    ImageCatalog.Page result = catalog.page(where(params), page, size, false);
    List<Item> items = result.images().stream().map(Item::of).toList();
    return new Response(items, new PageInfo(items.size(), page, size, result.totalCount()));
  }

  /** The conditions of the request's filters (ImageName, ClusterId, Namespace, AppName), ANDed. */
  public static SqlWhere where(Params params) {
    SqlWhere where = new SqlWhere();
    imageName(params).ifPresent(n -> ImageFilters.imageName(n, where));
    ImageFilters.workload(params.string("ClusterId").orElse(null), params.string("Namespace").orElse(null),
        params.string("AppName").orElse(null), where);
    return where;
  }

  static Optional<ImageName> imageName(Params params) {
    try {
      return ImageName.parse(params.string("ImageName").orElse(null));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("ImageName", e.getMessage());
    }
  }
}
