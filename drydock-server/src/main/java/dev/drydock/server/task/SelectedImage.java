package dev.drydock.server.task;

import org.jspecify.annotations.Nullable;

/**
 * An inventory image as a task snapshots it when it is created: the job scans this digest from
 * this repository even if the tag moves on afterwards.
 *
 * @param registryId the registered registry holding it; null for a running image no registered
 *     registry holds ({@code NOT_IN_SAS}) and for an image added by PublicSyncAndCreateImageScanTask
 *     outside every registered registry
 * @param imageHost for a {@code NOT_IN_SAS} image, the registry host its running reference names
 *     (it is pulled from there by digest); null otherwise
 */
public record SelectedImage(String uuid, @Nullable Long registryId, @Nullable String registryType,
    @Nullable String regionId, @Nullable String repoId, String repoNamespace, String repoName, String tag,
    String digest, @Nullable String imageHost) {

  /** The Id of the registered registry as InstanceId shows it, or null. */
  public @Nullable String instanceId() {
    return registryId == null ? null : registryId.toString();
  }
}
