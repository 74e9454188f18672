package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.cluster.ClusterStore;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * ListKubernetesClusters — a Drydock operation (see AddKubernetesCluster): every registered cluster
 * by ClusterName, with its CusterState, StateError, LastSyncTime and ContainerCount, never its
 * credentials. No parameters.
 */
@Component
public class ListKubernetesClusters implements SasAction {

  private final ClusterStore store;

  public ListKubernetesClusters(ClusterStore store) {
    this.store = store;
  }

  public record Response(List<ClusterInfo> clusters) {}

  @Override
  public Object handle(Params params, CallContext context) {
    return new Response(store.list().stream().map(r -> ClusterInfo.of(r, store.containers(r.clusterId()))).toList());
  }
}
