package dev.drydock.server.inventory.cluster;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a pod from the Kubernetes API into the {@link PodRecord} Drydock stores. Pure: the owner
 * chain is resolved beforehand ({@link OwnerResolver}).
 *
 * <p>Pods in a terminal phase (Succeeded, Failed) run nothing and are left out, as are ephemeral
 * (debug) containers. Regular and init containers are both recorded; the image is taken from the
 * spec and the running digest from {@code status.containerStatuses[].imageID} /
 * {@code initContainerStatuses} ({@link RuntimeImageId}).
 */
public final class PodMapper {

  static final String APP_NAME_LABEL = "app.kubernetes.io/name";
  static final String APP_LABEL = "app";

  private PodMapper() {}

  /** The record of a live pod; empty for a terminal pod or one without uid, namespace or name. */
  public static Optional<PodRecord> map(Pod pod, Optional<OwnerResolver.Owner> top) {
    var meta = pod.getMetadata();
    if (meta == null || meta.getUid() == null || meta.getName() == null || meta.getNamespace() == null) {
      return Optional.empty();
    }
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return Optional.empty();
    }
    List<PodRecord.Container> containers = new ArrayList<>();
    if (pod.getSpec() != null) {
      var status = pod.getStatus();
      add(containers, pod.getSpec().getInitContainers(), status == null ? null : status.getInitContainerStatuses(),
          true);
      add(containers, pod.getSpec().getContainers(), status == null ? null : status.getContainerStatuses(), false);
    }
    var status = pod.getStatus();
    return Optional.of(new PodRecord(meta.getUid(), meta.getNamespace(), meta.getName(),
        appName(meta.getName(), meta.getLabels(), top), top.map(OwnerResolver.Owner::kind).orElse(null),
        status == null ? null : blankToNull(status.getPodIP()), status == null ? null : blankToNull(status.getHostIP()),
        pod.getSpec() == null ? null : blankToNull(pod.getSpec().getNodeName()), phase,
        instant(meta.getCreationTimestamp()), containers));
  }

  /** AppName: the top owner's name, else the {@code app.kubernetes.io/name} or {@code app} label, else the pod. */
  static String appName(String podName, @Nullable Map<String, String> labels, Optional<OwnerResolver.Owner> top) {
    if (top.isPresent()) {
      return top.get().name();
    }
    if (labels != null) {
      for (String key : List.of(APP_NAME_LABEL, APP_LABEL)) {
        String v = labels.get(key);
        if (v != null && !v.isBlank()) {
          return v;
        }
      }
    }
    return podName;
  }

  private static void add(List<PodRecord.Container> out, @Nullable List<Container> specs,
      @Nullable List<ContainerStatus> statuses, boolean init) {
    if (specs == null) {
      return;
    }
    Map<String, ContainerStatus> byName = new HashMap<>();
    if (statuses != null) {
      statuses.forEach(s -> byName.put(s.getName(), s));
    }
    for (Container c : specs) {
      if (c.getName() == null || c.getImage() == null || c.getImage().isBlank()) {
        continue;
      }
      out.add(container(c.getName(), c.getImage().trim(), init, byName.get(c.getName())));
    }
  }

  static PodRecord.Container container(String name, String image, boolean init, @Nullable ContainerStatus status) {
    ImageReference ref = null;
    try {
      ref = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      // recorded with its raw reference only: not inventoried, not pullable
    }
    String digest = null;
    String imageId = null;
    switch (RuntimeImageId.parse(status == null ? null : status.getImageID())) {
      case RuntimeImageId.RepoDigest r -> digest = hex(r.digest());
      case RuntimeImageId.ConfigDigest c -> imageId = hex(c.digest());
      case RuntimeImageId.Unknown u -> { }
    }
    if (digest == null && ref != null && ref.digest() != null) {
      digest = hex(ref.digest());
    }
    String state = "waiting";
    String reason = null;
    ContainerState s = status == null ? null : status.getState();
    if (s != null && s.getRunning() != null) {
      state = "running";
    } else if (s != null && s.getTerminated() != null) {
      state = "terminated";
      reason = s.getTerminated().getReason();
    } else if (s != null && s.getWaiting() != null) {
      reason = s.getWaiting().getReason();
    }
    return new PodRecord.Container(name, init, image, ref == null ? null : ref.registry(),
        ref == null ? null : ref.repository(), ref == null ? null : ref.tag(), digest, imageId, state, reason);
  }

  /** A digest as the inventory stores it: hex without {@code sha256:}, other algorithms in full. */
  static String hex(Digest d) {
    return d.algorithm().equals("sha256") ? d.encoded() : d.algorithm() + ":" + d.encoded();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static @Nullable Instant instant(@Nullable String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
