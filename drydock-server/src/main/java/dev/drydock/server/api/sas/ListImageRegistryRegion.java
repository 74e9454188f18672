package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RegistryRegions;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * ListImageRegistryRegion (reference §1.14): the regions a registry may be registered in
 * (property {@code drydock.registry.regions}; see {@link RegistryRegions}), named in {@code Lang}
 * ({@code zh}, the default, or {@code en}; any other value reads as zh).
 */
@Component
public class ListImageRegistryRegion implements SasAction {

  private final RegistryRegions regions;

  public ListImageRegistryRegion(RegistryRegions regions) {
    this.regions = regions;
  }

  public record Response(List<Region> regions) {}

  public record Region(String regionId, String regionName) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String lang = params.string("Lang").orElse("zh");
    return new Response(regions.all().stream().map(r -> new Region(r.regionId(), r.name(lang))).toList());
  }
}
