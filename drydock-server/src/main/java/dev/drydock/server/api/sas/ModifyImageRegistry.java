package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.inventory.InventoryWriter;
import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.inventory.RegistrySyncService;
import java.time.Clock;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ModifyImageRegistry (reference §1.14; there is no ModifyPrivateRegistry): changes a
 * registration and starts a sync with the new settings in the background. {@code Id} (form body)
 * is required; DomainName, Port, RegistryHostIp (query) and Password, TransPerHour, UserName (form
 * body) change only when given — a Password equal to the mask {@code ******} keeps the stored one.
 * The endpoint fields of the registry's repositories follow a new address at once.
 *
 * <p>Response, as the reference documents it: {@code Code "200"}, {@code Data} (the registration,
 * password masked), {@code HttpStatusCode 200}, {@code Message}, {@code Success true},
 * {@code TimeCost} (ms). An unknown Id is {@code InvalidParameter.NotFound} (404).
 */
@Component
public class ModifyImageRegistry implements SasAction {

  private final RegistryStore store;
  private final InventoryWriter inventory;
  private final RegistrySyncService sync;
  private final SecretCipher cipher;
  private final TransactionTemplate tx;
  private final Clock clock;

  public ModifyImageRegistry(RegistryStore store, InventoryWriter inventory, RegistrySyncService sync,
      SecretCipher cipher, PlatformTransactionManager transactions, Clock clock) {
    this.store = store;
    this.inventory = inventory;
    this.sync = sync;
    this.cipher = cipher;
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  public record Response(String code, RegistryFields.RegistryInfo data, int httpStatusCode, String message,
      boolean success, long timeCost) {}

  @Override
  public Object handle(Params params, CallContext context) {
    long start = System.nanoTime();
    long id = params.requiredLong("Id");
    String domain = RegistryFields.host(params, "DomainName").orElse(null);
    Integer port = RegistryFields.port(params).orElse(null);
    String hostIp = RegistryFields.host(params, "RegistryHostIp").orElse(null);
    String user = RegistryFields.optionalBounded(params, "UserName", 256).orElse(null);
    String password = RegistryFields.optionalSecret(params, "Password", RegistryFields.MAX_PASSWORD_BYTES)
        .filter(p -> !p.equals(RegistryFields.MASK)).orElse(null);
    Integer transPerHour = RegistryFields.transPerHour(params).orElse(null);
    RegistryRow before = store.find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
        "The specified parameter \"Id\" is not valid: no registry has Id " + id));
    if (domain != null || port != null) {
      String d = domain != null ? domain : before.domainName();
      Integer p = port != null ? port : before.port();
      store.findDuplicate(d, p, id).ifPresent(other -> {
        throw ApiException.invalid(domain != null ? "DomainName" : "Port",
            "a registry with this DomainName and Port is already registered (Id " + other + ")");
      });
    }
    RegistryStore.Changes changes = new RegistryStore.Changes(domain, port, hostIp, user,
        password == null ? null : cipher.encrypt(RegistrySyncService.PASSWORD_PURPOSE, password), transPerHour);
    RegistryRow after = tx.execute(s -> {
      if (!store.update(id, changes, clock.instant())) {
        throw new ApiException(ErrorCode.NOT_FOUND, "The specified parameter \"Id\" is not valid: no registry has Id " + id);
      }
      RegistryRow r = store.find(id).orElseThrow();
      if (!r.endpoints().equals(before.endpoints())) {
        inventory.refreshEndpoints(r);
      }
      return r;
    });
    sync.requestSync(id);
    return new Response("200", RegistryFields.RegistryInfo.of(Objects.requireNonNull(after)), 200, "successful", true,
        (System.nanoTime() - start) / 1_000_000);
  }
}
