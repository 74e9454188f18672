package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RepoPaths;
import dev.drydock.server.inventory.cluster.ContainerCriteria;
import dev.drydock.server.inventory.cluster.ContainerGroups;
import dev.drydock.server.inventory.cluster.ContainerGroups.GroupField;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeGroupedContainerInstances (reference §1.8): the containers of the registered clusters
 * grouped by {@code GroupField} (required: pod, appName, namespace, clusterId, image), filtered by
 * {@code FieldValue} (a case-insensitive substring of the group's name; for clusterId, of the id or
 * the ClusterName) and by {@code Criteria} / {@code LogicalExp} ({@link ContainerCriteria}), paged
 * by CurrentPage (default 1) and PageSize (default 20, at most 100).
 *
 * <p>Each entry carries the fields its grouping determines: cluster fields (ClusterId, ClusterName,
 * ClusterType, CusterState, RegionId, CreateTime = the cluster's registration, epoch ms) for every
 * grouping but image; Namespace; AppName; Pod with PodIp, HostIp and InstanceId (the node's name:
 * Drydock knows no ECS instance ids); Image, ImageDigest, ImageRepoNamespace, ImageRepoName,
 * ImageRepoTag (from the running reference) and ImageUuid (the inventory image of that digest).
 * Counts: InstanceCount (pods), RiskInstanceCount (pods running an image at risk), VulCount,
 * HcCount (baseline), AlarmCount (suspicious files) over the group's distinct images, RiskStatus
 * YES/NO and RiskLevel (high, medium, low; absent without risk) — see {@link ContainerGroups}.
 * SyncOpen is 0: cluster audit logs are not collected (SyncStatus is therefore omitted).
 */
@Component
public class DescribeGroupedContainerInstances implements SasAction {

  private final ContainerGroups groups;

  public DescribeGroupedContainerInstances(ContainerGroups groups) {
    this.groups = groups;
  }

  public record Response(List<Item> groupedContainerInstanceList, PageInfo pageInfo) {}

  public record PageInfo(int count, int currentPage, int pageSize, long totalCount) {}

  public record Item(int alarmCount, @Nullable String appName, @Nullable String clusterId,
      @Nullable String clusterName, @Nullable String clusterType, @Nullable Long createTime,
      @Nullable String custerState, int hcCount, @Nullable String hostIp, @Nullable String image,
      @Nullable String imageDigest, @Nullable String imageRepoName, @Nullable String imageRepoNamespace,
      @Nullable String imageRepoTag, @Nullable String imageUuid, int instanceCount, @Nullable String instanceId,
      @Nullable String namespace, @Nullable String pod, @Nullable String podIp, @Nullable String regionId,
      int riskInstanceCount, @Nullable String riskLevel, String riskStatus, int syncOpen, int vulCount) {}

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("GroupField");
    GroupField field = GroupField.of(params.oneOf("GroupField", GroupField.apiNames()).orElseThrow()).orElseThrow();
    ContainerCriteria criteria;
    try {
      criteria = ContainerCriteria.parse(params.json("Criteria"), params.string("LogicalExp"));
    } catch (ContainerCriteria.Invalid e) {
      throw ApiException.invalid(e.parameter(), e.getMessage());
    }
    int page = params.currentPage();
    int size = params.pageSize(20, 100);
    ContainerGroups.Page result = groups.page(field, params.string("FieldValue").orElse(null), criteria, page, size);
    Map<String, String> uuids = groups.imageUuids(result.groups().stream().map(ContainerGroups.Group::digest)
        .filter(Objects::nonNull).distinct().toList());
    List<Item> items = result.groups().stream().map(g -> item(g, uuids)).toList();
    return new Response(items, new PageInfo(items.size(), page, size, result.total()));
  }

  private static Item item(ContainerGroups.Group g, Map<String, String> uuids) {
    RepoPaths.Split repo = null;
    if (g.imagePath() != null) {
      try {
        repo = RepoPaths.split(g.imagePath());
      } catch (IllegalArgumentException e) {
        repo = null;
      }
    }
    return new Item(clamp(g.alarm()), g.appName(), g.clusterId(), g.clusterName(), g.clusterType(),
        g.clusterCreated() == null ? null : g.clusterCreated().toEpochMilli(), g.clusterState(), clamp(g.hc()),
        g.hostIp(), g.image(), g.digest(), repo == null ? null : repo.name(), repo == null ? null : repo.namespace(),
        g.image() == null ? null : g.imageTag(), g.digest() == null ? null : uuids.get(g.digest()), clamp(g.pods()),
        g.nodeName(), g.namespace(), g.pod(), g.podIp(), g.regionId(), clamp(g.riskPods()),
        ContainerCriteria.levelName(g.level()).orElse(null), g.riskPods() > 0 ? "YES" : "NO", 0, clamp(g.vul()));
  }

  private static int clamp(long v) {
    return (int) Math.min(Integer.MAX_VALUE, v);
  }
}
