package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RegistryStore;
import org.springframework.stereotype.Component;

/**
 * DeletePrivateRegistry (reference §1.14): removes a registration with its repositories and
 * images from the inventory ({@code RegistryId}, required). {@code Data} is true when a registry
 * was deleted, false when none had that Id. Scan results, keyed by digest, are kept.
 */
@Component
public class DeletePrivateRegistry implements SasAction {

  private final RegistryStore store;

  public DeletePrivateRegistry(RegistryStore store) {
    this.store = store;
  }

  public record Response(boolean data) {}

  @Override
  public Object handle(Params params, CallContext context) {
    return new Response(store.delete(params.requiredLong("RegistryId")));
  }
}
