package dev.drydock.server.task;

import org.jspecify.annotations.Nullable;

/**
 * An inventory image as a task snapshots it when it is created: the job scans this digest from
 * this repository even if the tag moves on afterwards.
 *
 * @param registryId the registered registry holding it; null for an image added by
 *     PublicSyncAndCreateImageScanTask outside every registered registry (it cannot be pulled)
 */
public record SelectedImage(String uuid, @Nullable Long registryId, @Nullable String registryType,
    @Nullable String regionId, @Nullable String repoId, String repoNamespace, String repoName, String tag,
    String digest) {

  /** The Id of the registered registry as InstanceId shows it, or null. */
  public @Nullable String instanceId() {
    return registryId == null ? null : registryId.toString();
  }
}
