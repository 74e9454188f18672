package dev.drydock.server.inventory.cluster;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One live pod as Drydock records it: one {@code workload_image} row per container.
 *
 * @param appName      the top owner's name, else the {@code app.kubernetes.io/name} or {@code app}
 *                     label, else the pod name
 * @param workloadKind the top owner's kind (Deployment, StatefulSet, DaemonSet, CronJob, …); null
 *                     for a pod no workload owns
 */
public record PodRecord(String uid, String namespace, String name, String appName, @Nullable String workloadKind,
    @Nullable String podIp, @Nullable String hostIp, @Nullable String nodeName, String phase,
    @Nullable Instant createdAt, List<Container> containers) {

  public PodRecord {
    containers = List.copyOf(containers);
  }

  /**
   * One container of the pod.
   *
   * @param image     the reference in the pod spec, as written
   * @param imageHost registry host of the reference, normalised ({@code nginx} → {@code docker.io});
   *                  null when the reference does not parse
   * @param imagePath repository path ({@code library/nginx}); null when the reference does not parse
   * @param imageTag  the tag of the reference (Kubernetes' {@code latest} when it names none); null
   *                  for a reference by digest only
   * @param digest    the running manifest digest (hex without {@code sha256:}): from the status's
   *                  imageID, else the spec reference's digest; null while unknown
   * @param imageId   the config digest hex when the runtime reports only that
   * @param state     {@code running}, {@code waiting} or {@code terminated}
   * @param reason    the waiting or terminated reason, e.g. {@code CrashLoopBackOff}
   */
  public record Container(String name, boolean init, String image, @Nullable String imageHost,
      @Nullable String imagePath, @Nullable String imageTag, @Nullable String digest, @Nullable String imageId,
      String state, @Nullable String reason) {}
}
