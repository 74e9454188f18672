package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * PageImageRegistry (reference §1.14, paging §1.16): one page of registered registries by Id.
 * The official SDK sends CurrentPage (default 1), PageSize (default 20, at most 100),
 * RegistryNameLike (case-insensitive substring of RegistryName) and the arrays
 * RegistryTypeInList / RegistryTypeNotInList ({@code Name.N}) in the form body; SourceIp (query)
 * is accepted and ignored. GmtCreate / GmtModified are {@code yyyy-MM-dd HH:mm:ss} in UTC;
 * ImageCount is the number of images the inventory holds for the registry. Passwords are masked.
 */
@Component
public class PageImageRegistry implements SasAction {

  private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final RegistryStore store;

  public PageImageRegistry(RegistryStore store) {
    this.store = store;
  }

  public record Response(List<Item> list, PageInfo pageInfo) {}

  public record Item(@Nullable String blackList, String domainName, String gmtCreate, String gmtModified, long id,
      long imageCount, @Nullable String jenkinsEnv, int netType, String password, @Nullable Integer persistenceDay,
      int protocolType, String regionId, @Nullable String registryHostIp, @Nullable String registryName,
      String registryType, @Nullable String token, int transPerHour, @Nullable String userName,
      @Nullable String vpcId, @Nullable String whiteList) {

    static Item of(RegistryRow r, long imageCount) {
      return new Item(r.blackList(), r.domainName(), GMT.format(r.createdAt()), GMT.format(r.modifiedAt()), r.id(),
          imageCount, r.jenkinsEnv(), r.netType(), RegistryFields.MASK, r.persistenceDay(), r.protocolType(),
          r.regionId(), r.registryHostIp(), r.registryName(), r.registryType(), null, r.transPerHour(), r.userName(),
          r.vpcId(), r.whiteList());
    }
  }

  @Override
  public Object handle(Params params, CallContext context) {
    int page = params.currentPage();
    int size = params.pageSize(20, 100);
    RegistryStore.Filter filter = new RegistryStore.Filter(params.string("RegistryNameLike").orElse(null),
        types(params, "RegistryTypeInList"), types(params, "RegistryTypeNotInList"));
    long total = store.count(filter);
    List<RegistryRow> rows = store.page(filter, page, size);
    Map<Long, Long> counts = store.imageCounts(rows.stream().map(RegistryRow::id).toList());
    List<Item> items = rows.stream().map(r -> Item.of(r, counts.getOrDefault(r.id(), 0L))).toList();
    return new Response(items, new PageInfo(items.size(), page, size, total));
  }

  private static List<String> types(Params params, String name) {
    List<String> types = params.list(name);
    for (int i = 0; i < types.size(); i++) {
      if (!RegistryFields.TYPES.contains(types.get(i))) {
        throw ApiException.invalid(name + "." + (i + 1), "must be one of " + RegistryFields.TYPES + ", got \""
            + types.get(i) + "\"");
      }
    }
    return types;
  }
}
