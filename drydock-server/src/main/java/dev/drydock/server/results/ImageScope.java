package dev.drydock.server.results;

import dev.drydock.server.inventory.SqlWhere;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which inventory images a result operation looks at: the image and repository filters the
 * result operations share (reference §1.9–§1.13), each optional, combined with AND.
 *
 * @param uuids image UUIDs ({@code Uuids}, {@code ImageUuid})
 * @param digest manifest digest, with or without {@code sha256:}
 * @param repoInstanceId the Id of the registered registry ({@code RepoInstanceId}, {@code InstanceId})
 * @param repoRegionId the repository's region ({@code RepoRegionId}, {@code RegionId})
 * @param image a case-insensitive substring of {@code namespace/name:tag} ({@code Image})
 * @param clusterId only images running in this cluster (workloads discovered from clusters)
 * @param namespace only images running in this Kubernetes namespace
 * @param pod only images running in this pod
 * @param runningOnly {@code ScanRange} without {@code image}: only images that run in a cluster
 */
public record ImageScope(List<String> uuids, @Nullable String digest, @Nullable String tag, @Nullable String repoId,
    @Nullable String repoInstanceId, @Nullable String repoName, @Nullable String repoNamespace,
    @Nullable String repoRegionId, @Nullable String image, @Nullable String clusterId, @Nullable String namespace,
    @Nullable String pod, boolean runningOnly) {

  public static final ImageScope ALL = new ImageScope(List.of(), null, null, null, null, null, null, null, null, null,
      null, null, false);

  public ImageScope {
    uuids = List.copyOf(uuids);
    if (digest != null) {
      String d = digest.trim().toLowerCase(Locale.ROOT);
      digest = d.startsWith("sha256:") ? d.substring(7) : d;
    }
  }

  /** The conditions over {@code image i JOIN image_repo r}, their parameters put into {@code p}. */
  public List<String> conditions(Map<String, Object> p) {
    List<String> c = new ArrayList<>();
    if (!uuids.isEmpty()) {
      c.add("i.uuid IN (:scopeUuids)");
      p.put("scopeUuids", uuids);
    }
    eq(c, p, "i.digest", "scopeDigest", digest);
    eq(c, p, "i.tag", "scopeTag", tag);
    eq(c, p, "r.repo_id", "scopeRepoId", repoId);
    if (repoInstanceId != null) {
      try {
        p.put("scopeRegistry", Long.parseLong(repoInstanceId.trim()));
        c.add("r.registry_id = :scopeRegistry");
      } catch (NumberFormatException e) {
        c.add("1 = 0");
      }
    }
    eq(c, p, "r.repo_name", "scopeRepoName", repoName);
    eq(c, p, "r.repo_namespace", "scopeRepoNamespace", repoNamespace);
    eq(c, p, "r.region_id", "scopeRegion", repoRegionId);
    if (image != null) {
      c.add("LOWER(i.full_name) LIKE :scopeImage ESCAPE '\\'");
      p.put("scopeImage", SqlWhere.containsPattern(image.toLowerCase(Locale.ROOT)));
    }
    List<String> w = new ArrayList<>();
    if (clusterId != null) {
      w.add("w.cluster_id = :scopeCluster");
      p.put("scopeCluster", clusterId);
    }
    if (namespace != null) {
      w.add("w.namespace = :scopeNs");
      p.put("scopeNs", namespace);
    }
    if (pod != null) {
      w.add("w.pod = :scopePod");
      p.put("scopePod", pod);
    }
    if (!w.isEmpty() || runningOnly) {
      c.add("EXISTS (SELECT 1 FROM workload_image w WHERE w.digest = i.digest"
          + (w.isEmpty() ? "" : " AND " + String.join(" AND ", w)) + ")");
    }
    return c;
  }

  private static void eq(List<String> c, Map<String, Object> p, String column, String name, @Nullable String v) {
    if (v != null) {
      c.add(column + " = :" + name);
      p.put(name, v);
    }
  }
}
