package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.cluster.ClusterRegistry;
import org.springframework.stereotype.Component;

/**
 * DeleteKubernetesCluster — a Drydock operation (see AddKubernetesCluster): removes the
 * registration {@code ClusterId} (required) with its containers, and the NOT_IN_SAS images only it
 * ran. {@code Data} is true when a cluster was removed, false when none had that id. Scan results
 * (keyed by digest) stay.
 */
@Component
public class DeleteKubernetesCluster implements SasAction {

  private final ClusterRegistry registry;

  public DeleteKubernetesCluster(ClusterRegistry registry) {
    this.registry = registry;
  }

  public record Response(boolean data) {}

  @Override
  public Object handle(Params params, CallContext context) {
    return new Response(registry.remove(params.required("ClusterId")));
  }
}
