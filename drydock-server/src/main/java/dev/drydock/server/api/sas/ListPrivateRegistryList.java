package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ListPrivateRegistryList (reference §1.14): every registered registry, or those of one
 * {@code RegistryType} (acr, harbor, quay, CI/CD), by Id. Passwords are masked.
 */
@Component
public class ListPrivateRegistryList implements SasAction {

  private final RegistryStore store;

  public ListPrivateRegistryList(RegistryStore store) {
    this.store = store;
  }

  public record Response(List<Info> imageRegistryInfos) {}

  public record Info(@Nullable Long aliUid, String domainName, long id, @Nullable String jenkinsEnv, int netType,
      String password, @Nullable Integer persistenceDay, @Nullable Integer port, int protocolType, String regionId,
      @Nullable String registryHostIp, @Nullable String registryName, String registryType, String registryVersion,
      @Nullable String token, int transPerHour, @Nullable String userName, @Nullable String vpcId,
      @Nullable String whiteList) {

    static Info of(RegistryRow r) {
      return new Info(r.aliUid(), r.domainName(), r.id(), r.jenkinsEnv(), r.netType(), RegistryFields.MASK,
          r.persistenceDay(), r.port(), r.protocolType(), r.regionId(), r.registryHostIp(), r.registryName(),
          r.registryType(), r.registryVersion(), null, r.transPerHour(), r.userName(), r.vpcId(), r.whiteList());
    }
  }

  @Override
  public Object handle(Params params, CallContext context) {
    String type = params.oneOf("RegistryType", RegistryFields.TYPES).orElse(null);
    return new Response(store.list(type).stream().map(Info::of).toList());
  }
}
