package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RegistryStore;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * ListPrivateRegistryType (reference §1.14): how many registries are registered of each type —
 * every type (acr, harbor, quay, CI/CD, in that order), zero counts included. {@code Lang} is
 * accepted and ignored: type names are not translated.
 */
@Component
public class ListPrivateRegistryType implements SasAction {

  private final RegistryStore store;

  public ListPrivateRegistryType(RegistryStore store) {
    this.store = store;
  }

  public record Response(List<TypeInfo> registryTypeInfos) {}

  public record TypeInfo(long count, String registryType) {}

  @Override
  public Object handle(Params params, CallContext context) {
    Map<String, Long> counts = store.countByType();
    return new Response(RegistryFields.TYPES.stream().map(t -> new TypeInfo(counts.getOrDefault(t, 0L), t)).toList());
  }
}
