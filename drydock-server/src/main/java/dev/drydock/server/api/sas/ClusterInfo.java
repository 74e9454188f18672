package dev.drydock.server.api.sas;

import dev.drydock.server.inventory.cluster.ClusterRow;
import org.jspecify.annotations.Nullable;

/**
 * A registered cluster as the cluster operations answer it — never its credentials.
 * CreateTime and LastSyncTime are epoch milliseconds; StateError says why a {@code failed}
 * cluster cannot be watched; ContainerCount is the containers of its last known state.
 */
record ClusterInfo(String clusterId, String clusterName, String clusterType, String regionId, String authType,
    @Nullable String apiServer, String custerState, @Nullable String stateError, long createTime,
    @Nullable Long lastSyncTime, @Nullable Long containerCount) {

  static ClusterInfo of(ClusterRow r) {
    return of(r, null);
  }

  static ClusterInfo of(ClusterRow r, @Nullable Long containers) {
    return new ClusterInfo(r.clusterId(), r.clusterName(), r.clusterType(), r.regionId(), r.authType(), r.apiServer(),
        r.clusterState(), r.stateError(), r.createdAt().toEpochMilli(),
        r.lastSyncAt() == null ? null : r.lastSyncAt().toEpochMilli(), containers);
  }
}
