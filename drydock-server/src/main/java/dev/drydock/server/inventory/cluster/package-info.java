/**
 * Kubernetes clusters: registration, the pod watch that records which images run where
 * ({@code workload_image}), running images that no registered registry holds ({@code NOT_IN_SAS}
 * inventory entries) and the container views of the API (DescribeGroupedContainerInstances).
 * See {@code docs/clusters.md}.
 */
@NullMarked
package dev.drydock.server.inventory.cluster;

import org.jspecify.annotations.NullMarked;
