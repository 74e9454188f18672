package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.inventory.RegistryRegions;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.inventory.RegistrySyncService;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * AddPrivateRegistry (reference §1.14): registers a self-managed registry and starts its first
 * sync in the background (the call returns at once).
 *
 * <p>Required: DomainName (host name or IP, no scheme/port/path), NetType (1 Internet, 2 VPC),
 * Password (at most 1,024 bytes), ProtocolType (1 HTTP, 2 HTTPS), RegistryHostIp, RegistryRegionId (one of
 * ListImageRegistryRegion), RegistryType (acr, harbor, quay, CI/CD), RegistryVersion (V1, V2, -),
 * UserName. Optional: ExtraParam (a JSON array of objects, at most 3,000 bytes; required for quay), Port (1–65535),
 * TransPerHour (syncs per hour, 0–60, default 1; 0 = no periodic sync), VpcId. The password and
 * ExtraParam (it may hold tokens) are stored encrypted; the answer's {@code Password} is masked.
 * A second registration of the same DomainName and Port is refused.
 */
@Component
public class AddPrivateRegistry implements SasAction {

  static final String EXTRA_PARAM_PURPOSE = "registry-extra-param";

  private final RegistryStore store;
  private final RegistrySyncService sync;
  private final RegistryRegions regions;
  private final SecretCipher cipher;
  private final Clock clock;

  public AddPrivateRegistry(RegistryStore store, RegistrySyncService sync, RegistryRegions regions,
      SecretCipher cipher, Clock clock) {
    this.store = store;
    this.sync = sync;
    this.regions = regions;
    this.cipher = cipher;
    this.clock = clock;
  }

  public record Response(RegistryFields.RegistryInfo data) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String domain = RegistryFields.requiredHost(params, "DomainName");
    int netType = RegistryFields.requiredCode(params, "NetType", 1, 2);
    String password = RegistryFields.secret(params, "Password", RegistryFields.MAX_PASSWORD_BYTES);
    int protocol = RegistryFields.requiredCode(params, "ProtocolType", 1, 2);
    String hostIp = RegistryFields.requiredHost(params, "RegistryHostIp");
    String region = params.required("RegistryRegionId");
    if (!regions.contains(region)) {
      throw ApiException.invalid("RegistryRegionId", "unknown region \"" + region
          + "\" (ListImageRegistryRegion lists the supported ones)");
    }
    params.required("RegistryType");
    String type = params.oneOf("RegistryType", RegistryFields.TYPES).orElseThrow();
    params.required("RegistryVersion");
    String version = params.oneOf("RegistryVersion", RegistryFields.VERSIONS).orElseThrow();
    String user = RegistryFields.bounded(params, "UserName", 256);
    RegistryFields.optionalSecret(params, "ExtraParam", RegistryFields.MAX_EXTRA_PARAM_BYTES);
    Optional<JsonNode> extra = params.json("ExtraParam");
    if (extra.isPresent() && !(extra.get().isArray() && extra.get().valueStream().allMatch(JsonNode::isObject))) {
      throw ApiException.invalid("ExtraParam", "must be a JSON array of objects, e.g. [{\"namespace\":\"ns\",\"authToken\":\"…\"}]");
    }
    if (extra.isEmpty() && type.equals("quay")) {
      throw ApiException.missing("ExtraParam");
    }
    Integer port = RegistryFields.port(params).orElse(null);
    int transPerHour = RegistryFields.transPerHour(params).orElse(1);
    String vpcId = RegistryFields.optionalBounded(params, "VpcId", 128).orElse(null);
    store.findDuplicate(domain, port, -1).ifPresent(id -> {
      throw ApiException.invalid("DomainName", "a registry with this DomainName and Port is already registered (Id "
          + id + ")");
    });
    long id = store.insert(new RegistryStore.NewRegistry(type, domain, hostIp, port, protocol, netType, region, version,
        user, cipher.encrypt(RegistrySyncService.PASSWORD_PURPOSE, password),
        extra.map(e -> cipher.encrypt(EXTRA_PARAM_PURPOSE, params.required("ExtraParam"))).orElse(null),
        transPerHour, vpcId, RegistryFields.aliUid(context.caller().userId())), clock.instant());
    sync.requestSync(id);
    return new Response(RegistryFields.RegistryInfo.of(store.find(id).orElseThrow()));
  }
}
