package dev.drydock.server.task;

import org.jspecify.annotations.Nullable;

/**
 * One job (an image of a task) as stored.
 *
 * @param imageHost the registry host of a running image no registered registry holds
 *     ({@code NOT_IN_SAS}: pulled from there by digest); null for registry images
 * @param cluster where the digest ran when the task was created (TaskImageInfo)
 * @param state INIT (waiting), START (claimed, or between attempts), SUCCESS, FAIL
 * @param step what the job does next: INDEX (pull and index), MATCH (match the stored inventory), DONE
 * @param result once ended: SUCCESS, TASK_NOT_SUPPORT_REGION or FAILED
 * @param error why it failed (final), or the last transient error while it is being retried
 */
public record JobRow(long pk, String jobId, long taskPk, String taskId, @Nullable Long leaderId, String imageUuid,
    @Nullable Long registryId, @Nullable String registryType, @Nullable String regionId,
    @Nullable String instanceId, @Nullable String repoId, @Nullable String repoNamespace, @Nullable String repoName,
    @Nullable String tag, String digest, @Nullable String imageHost, ClusterInfo cluster, String state, String step,
    @Nullable String result, int attempts, @Nullable String error, @Nullable Long startTime, @Nullable Long endTime,
    @Nullable String costTimeInfo) {

  public static final String INIT = "INIT";
  public static final String START = "START";
  public static final String SUCCESS = "SUCCESS";
  public static final String FAIL = "FAIL";
  public static final String STEP_INDEX = "INDEX";
  public static final String STEP_MATCH = "MATCH";
  public static final String STEP_DONE = "DONE";
  public static final String RESULT_FAILED = "FAILED";

  /**
   * Where the digest ran when the task was created (TaskImageInfo; one container when several ran
   * it, chosen as {@code inventory.cluster.WorkloadPlacements} says); all null when it ran nowhere.
   */
  public record ClusterInfo(@Nullable String clusterId, @Nullable String clusterName, @Nullable String appName,
      @Nullable String pod, @Nullable String nodeInstanceId, @Nullable String nodeIp, @Nullable String nodeName) {}

  public boolean ended() {
    return state.equals(SUCCESS) || state.equals(FAIL);
  }

  /** {@code namespace/name:tag}. */
  public String imageName() {
    String ns = repoNamespace == null || repoNamespace.isEmpty() ? "" : repoNamespace + "/";
    return ns + (repoName == null ? "" : repoName) + (tag == null ? "" : ":" + tag);
  }
}
