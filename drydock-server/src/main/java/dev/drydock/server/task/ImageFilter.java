package dev.drydock.server.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which inventory images a scan task covers: the comma-separated filters of
 * PublicPreCheckImageScanTask / PublicCreateImageScanTask (reference §1.2, §1.3). Values within
 * one filter are alternatives (OR); filters combine with AND; no filter at all selects every image.
 *
 * <p>What each filter matches: {@code RegistryTypes} the repository's registry type,
 * {@code RegionIds} its region, {@code InstanceIds} the Id of the registered registry holding it
 * (as ListPrivateRegistryList shows it), {@code RepoNamespaces}, {@code RepoIds},
 * {@code RepoNames} the repository, {@code Digests} the manifest digest (with or without
 * {@code sha256:}, any case), {@code Tags} the tag. {@code SourceIp} is the caller's address
 * (Alibaba Cloud's common meaning), recorded on the task and not an image filter.
 */
public record ImageFilter(List<String> registryTypes, List<String> regionIds, List<String> instanceIds,
    List<String> repoNamespaces, List<String> repoIds, List<String> repoNames, List<String> digests,
    List<String> tags) {

  public static final ImageFilter ALL = new ImageFilter(List.of(), List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of(), List.of());

  public ImageFilter {
    registryTypes = List.copyOf(registryTypes);
    regionIds = List.copyOf(regionIds);
    instanceIds = List.copyOf(instanceIds);
    repoNamespaces = List.copyOf(repoNamespaces);
    repoIds = List.copyOf(repoIds);
    repoNames = List.copyOf(repoNames);
    digests = digests.stream().map(ImageFilter::normalizeDigest).toList();
    tags = List.copyOf(tags);
  }

  /** {@code sha256:ABC…} → {@code abc…}: the form the inventory stores. */
  public static String normalizeDigest(String d) {
    String t = d.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("sha256:") ? t.substring("sha256:".length()) : t;
  }

  /**
   * The WHERE clause over {@code image i JOIN image_repo r} (empty when no filter is set), with
   * its parameters put into {@code params}.
   */
  public String where(Map<String, Object> params) {
    List<String> conditions = new ArrayList<>();
    in(conditions, params, "r.registry_type", "registryTypes", registryTypes);
    in(conditions, params, "r.region_id", "regionIds", regionIds);
    if (!instanceIds.isEmpty()) {
      List<Long> ids = new ArrayList<>();
      for (String s : instanceIds) {
        try {
          ids.add(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
          // not the Id of a registered registry: matches nothing
        }
      }
      conditions.add(ids.isEmpty() ? "1 = 0" : "r.registry_id IN (:instanceIds)");
      if (!ids.isEmpty()) {
        params.put("instanceIds", ids);
      }
    }
    in(conditions, params, "r.repo_namespace", "repoNamespaces", repoNamespaces);
    in(conditions, params, "r.repo_id", "repoIds", repoIds);
    in(conditions, params, "r.repo_name", "repoNames", repoNames);
    in(conditions, params, "i.digest", "digests", digests);
    in(conditions, params, "i.tag", "tags", tags);
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static void in(List<String> conditions, Map<String, Object> params, String column, String name,
      List<String> values) {
    if (!values.isEmpty()) {
      conditions.add(column + " IN (:" + name + ")");
      params.put(name, values);
    }
  }

  /** The filters as the task records them (JSON-ready, only those set). */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    put(m, "RegistryTypes", registryTypes);
    put(m, "RegionIds", regionIds);
    put(m, "InstanceIds", instanceIds);
    put(m, "RepoNamespaces", repoNamespaces);
    put(m, "RepoIds", repoIds);
    put(m, "RepoNames", repoNames);
    put(m, "Digests", digests);
    put(m, "Tags", tags);
    return m;
  }

  private static void put(Map<String, List<String>> m, String k, List<String> v) {
    if (!v.isEmpty()) {
      m.put(k, v);
    }
  }
}
