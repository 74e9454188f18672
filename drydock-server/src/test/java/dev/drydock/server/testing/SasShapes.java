package dev.drydock.server.testing;

import static dev.drydock.server.testing.JsonShape.BOOL;
import static dev.drydock.server.testing.JsonShape.INT;
import static dev.drydock.server.testing.JsonShape.PAGE_INFO;
import static dev.drydock.server.testing.JsonShape.STR;
import static dev.drydock.server.testing.JsonShape.arr;
import static dev.drydock.server.testing.JsonShape.arr0;
import static dev.drydock.server.testing.JsonShape.obj;
import static dev.drydock.server.testing.JsonShape.strings;

import dev.drydock.server.testing.JsonShape.Obj;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answers of the Security Center operations as the seeds and the reference (§1.2–§1.16)
 * state them, transcribed field by field: names (with the reference's odd spellings: CusterState,
 * Promt), JSON types and envelopes. A field marked {@code ?} may be absent — where the reference
 * says so (FinishTime only once finished), where it depends on the state or the grouping, or where
 * Drydock's docs say it is never answered (SourceBizTag, SyncStatus, Token, …). Every top-level
 * shape includes {@code RequestId}.
 */
public final class SasShapes {
  private SasShapes() {}

  /** The Code values a success body may carry at the top level (reference §2.7: pop-core throws on others). */
  public static final List<String> SUCCESS_CODES = List.of("200", "OK", "Success", "success");

  /** ListImageRisk, seed 000 (every field always present). */
  public static final Obj LIST_IMAGE_RISK = obj("RequestId", STR, "PageInfo", PAGE_INFO, "ImageRiskList", arr(obj(
      "Digest", STR, "EndPointList", arr0(obj("Domains", arr0(STR), "Type", STR)), "Endpoints", STR, "Image", STR,
      "ImageAccessType", STR, "ImageId", STR, "InternetURLs", STR, "RegionId", STR, "RegistryType", STR,
      "RepoId", STR, "RepoName", STR, "RepoNamespace", STR, "RepoType", STR, "Statistics", STR, "Tag", STR,
      "TagImmutable", INT, "Uuid", STR, "VpcURLs", STR)));

  /** PublicCreateImageScanTask (seed 002) and PublicSyncAndCreateImageScanTask (§1.4): every field always. */
  public static final Obj CREATE_SCAN_TASK = obj("RequestId", STR, "Data", obj("TaskId", STR, "TotalCount", INT,
      "FinishCount", INT, "CollectTime", INT, "ExecTime", INT, "Status", STR, "Progress", INT, "Result", STR,
      "CanCreate", BOOL));

  /** PublicPreCheckImageScanTask (§1.2). */
  public static final Obj PRE_CHECK = obj("RequestId", STR, "Data", obj("NeedAuthCount", INT, "ScanImageCount", INT));

  /** DescribeImageScanAuthCount (§1.6). */
  public static final Obj SCAN_AUTH_COUNT = obj("RequestId", STR, "ImageScan", obj("ImageScanCapacity", INT,
      "ScanCount", INT, "InstanceId", STR));

  /** DescribeImageLatestScanTask (§1.5). */
  public static final Obj LATEST_SCAN_TASK = obj("RequestId", STR, "Task", arr(obj("Create", STR, "Finish", INT,
      "FinishTime?", INT, "Id", INT, "Modified", STR, "Name", STR, "Source", STR, "StartTime?", INT, "Status", STR,
      "Target", STR, "TargetType", STR, "TaskId", STR, "TaskType", STR)));

  /** TaskImageInfo of ListUnfinishedOnceTask (§1.5). */
  public static final Obj TASK_IMAGE_INFO = strings("AppName", "ClusterId", "ClusterName", "Digest", "Image",
      "NodeInstanceId", "NodeIp", "NodeName", "Pod", "RegionId", "RepoId", "RepoName", "RepoNamespace",
      "RepoRegionId", "Tag");

  /** ListUnfinishedOnceTask (§1.5); EndTime and RealRunTime only once the task ended or started. */
  public static final Obj UNFINISHED_ONCE_TASK = obj("EndTime?", INT, "Finish", INT, "FinishCount", INT,
      "Progress", INT, "RealRunTime?", INT, "ResultInfo", STR, "StartTime", INT, "Status", INT, "StatusText", STR,
      "Target", STR, "TargetType", STR, "TaskId", STR, "TaskImageInfo?", TASK_IMAGE_INFO, "TaskName", STR,
      "TaskType", STR, "TotalCount", INT);

  /** DescribeOnceTaskLeafRecordPage (§1.5): FinishCount, TotalCount and Status are strings here. */
  public static final Obj LEAF_RECORD_PAGE = obj("RequestId", STR, "PageInfo", PAGE_INFO, "OnceTasks", arr(obj(
      "EndTime?", INT, "Finish", INT, "FinishCount", STR, "Progress", INT, "RealRunTime?", INT, "ResultInfo", STR,
      "StartTime?", INT, "Status", STR, "StatusText", STR, "Target", STR, "TargetType", STR, "TaskId", STR,
      "TaskImageInfo?", TASK_IMAGE_INFO.with("CostTimeInfo", STR, "RegistryType", STR), "TaskName", STR,
      "TaskType", STR, "TotalCount", STR)));

  /** DescribeImageInstances (§1.9); fields Drydock has no value for yet are absent, SourceBizTag always. */
  public static final Obj IMAGE_INSTANCES = obj("RequestId", STR, "PageInfo", PAGE_INFO, "ImageInstanceList", arr(obj(
      "AlarmCount", INT, "AlarmStatus", STR, "Deployed", INT, "Digest", STR, "Endpoints?", STR, "HcCount", INT,
      "HcStatus", STR, "ImageCreate?", STR, "ImageId?", STR, "ImageSize?", STR, "ImageUpdate?", STR,
      "InstanceId?", STR, "LastScanTime?", INT, "RegionId", STR, "RegistryType?", STR, "RepoId", STR, "RepoName", STR,
      "RepoNamespace", STR, "RepoType", STR, "RiskStatus", STR, "ScaProgress?", INT, "ScaResult?", STR,
      "ScaStatus?", STR, "SourceBizTag?", STR, "Status", STR, "Tag", STR, "Uuid", STR, "VulCount", INT,
      "VulStatus", STR)));

  /** DescribeImageInfoList (§1.9): ImageCreate, ImageSize, ImageUpdate are numbers here. */
  public static final Obj IMAGE_INFO_LIST = obj("RequestId", STR, "ImageInfos", arr(obj("AlarmCount", INT,
      "AlarmStatus", STR, "Digest", STR, "Endpoints?", STR, "ImageCreate?", INT, "ImageId?", STR, "ImageSize?", INT,
      "ImageUpdate?", INT, "InstanceId?", STR, "RegionId", STR, "RegistryType?", STR, "RepoId", STR, "RepoName", STR,
      "RepoNamespace", STR, "RepoType", STR, "RiskStatus", STR, "SourceBizTag?", STR, "Status", STR, "Tag", STR,
      "TagImmutable", INT, "Uuid", STR, "VulCount", INT, "VulStatus", STR)));

  /** DescribeImageCriteria (§1.9). */
  public static final Obj IMAGE_CRITERIA = obj("RequestId", STR, "CriteriaList", arr(strings("Name", "Type", "Values")));

  /** DescribeImageStatistics (§1.9). */
  public static final Obj IMAGE_STATISTICS = obj("RequestId", STR, "InstanceCount", INT, "RiskInstanceCount", INT);

  /** DescribeImageSecurityScanCount (§1.9). */
  public static final Obj SECURITY_SCAN_COUNT = obj("RequestId", STR, "Data", obj("ImageBaselineCount", INT,
      "ImageCveVulCount", INT, "ImageMaliciousFileCount", INT, "ImageScaVulCount", INT));

  /** DescribeImageVulList (§1.10): flat paging, no PageInfo. */
  public static final Obj IMAGE_VUL_LIST = obj("RequestId", STR, "CurrentPage", INT, "PageSize", INT,
      "TotalCount", INT, "VulRecords", arr(obj("AliasName", STR, "CanFix", STR, "CanUpdate", BOOL, "ClusterId", STR,
          "ClusterName", STR, "ContainerId", STR, "ExtendContentJson", obj("Os", STR, "OsRelease", STR,
              "RpmEntityList", arr(obj("FullVersion", STR, "Layer?", STR, "MatchDetail", STR, "MatchList", arr(STR),
                  "Name", STR, "Path", STR, "UpdateCmd", STR, "Version", STR))),
          "FirstTs", INT, "Image", STR, "ImageDigest", STR, "InstanceName", STR, "InternetIp", STR, "IntranetIp", STR,
          "LastTs", INT, "Layers", arr0(STR), "MaliciousSource", STR, "ModifyTs", INT, "Name", STR, "Namespace", STR,
          "Necessity", STR, "Pod", STR, "PrimaryId", INT, "Related", STR, "RepoName", STR, "RepoNamespace", STR,
          "RuleTag", STR, "ScanTime", INT, "Status", INT, "Tag", STR, "TargetId", STR, "TargetName", STR,
          "TargetType", STR, "Type", STR, "Uuid", STR)));

  /** DescribeImageGroupedVulList (§1.10): flat paging. */
  public static final Obj GROUPED_VUL_LIST = obj("RequestId", STR, "CurrentPage", INT, "PageSize", INT,
      "TotalCount", INT, "GroupedVulItems", arr(obj("AliasName", STR, "AsapCount", INT, "CanFix", STR,
          "GmtLast", INT, "LastScanTime", INT, "LaterCount", INT, "Name", STR, "NntfCount", INT, "RuleTag", STR,
          "Status", INT, "Tags", STR, "Type", STR)));

  /** DescribeImageBaselineCheckSummary (§1.11). */
  public static final Obj BASELINE_SUMMARY = obj("RequestId", STR, "PageInfo", PAGE_INFO, "BaselineResultSummary",
      arr(obj("BaselineClassAlias", STR, "BaselineClassKey", STR, "BaselineNameAlias", STR, "BaselineNameKey", STR,
          "BaselineNameLevel", STR, "FirstScanTime", INT, "HighRiskImage", INT, "LastScanTime", INT,
          "LowRiskImage", INT, "MiddleRiskImage", INT, "Status", INT)));

  /** DescribeImageBaselineCheckResult (§1.11). */
  public static final Obj BASELINE_RESULT = obj("RequestId", STR, "PageInfo", PAGE_INFO, "BaselineResult",
      arr(obj("BaselineClassAlias", STR, "BaselineItemCount", INT, "BaselineNameAlias", STR, "BaselineNameKey", STR,
          "BaselineNameLevel", STR, "FirstScanTime", INT, "HighRiskItemCount", INT, "LastScanTime", INT,
          "LowRiskItemCount", INT, "MiddleRiskItemCount", INT, "Status", INT)));

  /** DescribeImageBaselineItemList (§1.11). */
  public static final Obj BASELINE_ITEMS = obj("RequestId", STR, "PageInfo", PAGE_INFO, "BaselineItemInfos",
      arr(obj("BaselineClassAlias", STR, "BaselineClassKey", STR, "BaselineItemAlias", STR, "BaselineItemKey", STR,
          "BaselineNameAlias", STR, "BaselineNameKey", STR, "Status", INT, "WhiteList", INT)));

  /** DescribeImageBaselineDetail (§1.11); ResultId only when the image has a finding of the item. */
  public static final Obj BASELINE_DETAIL = obj("RequestId", STR, "BaselineDetail", obj("Advice", STR,
      "BaselineClassAlias", STR, "BaselineItemAlias", STR, "BaselineItemKey", STR, "BaselineNameAlias", STR,
      "Description", STR, "Level", STR, "Prompt", STR, "ResultId?", INT));

  /** DescribeGroupedMaliciousFiles (§1.12). */
  public static final Obj GROUPED_MALICIOUS_FILES = obj("RequestId", STR, "PageInfo", PAGE_INFO,
      "GroupedMaliciousFileResponse", arr(obj("FirstScanTimestamp", INT, "ImageCount", INT,
          "LatestScanTimestamp", INT, "Level", STR, "MaliciousKey", STR, "MaliciousMd5?", STR, "MaliciousName", STR,
          "Status", INT)));

  /** DescribeAffectedMaliciousFileImages (§1.12). */
  public static final Obj AFFECTED_MALICIOUS_FILE_IMAGES = obj("RequestId", STR, "PageInfo", PAGE_INFO,
      "AffectedMaliciousFileImagesResponse", arr(obj("ClusterId", STR, "ClusterName", STR, "ContainerId", STR,
          "Digest", STR, "DownloadUrl", STR, "FilePath", STR, "FirstScanTimestamp", INT, "HighLight", STR, "Id", INT,
          "Image", STR, "ImageUuid", STR, "InstanceName", STR, "InternetIp", STR, "IntranetIp", STR,
          "LatestScanTimestamp", INT, "LatestVerifyTimestamp", INT, "Layer?", STR, "Level", STR, "MaliciousMd5?", STR,
          "Namespace", STR, "Pod", STR, "RepoId?", STR, "RepoInstanceId", STR, "RepoName", STR, "RepoRegionId?", STR,
          "Status", INT, "Tag", STR, "TargetId", STR, "TargetName", STR, "TargetType", STR, "Uuid", STR)));

  /** The envelope of the sensitive-file operations (§1.13): Code, HttpStatusCode, Message, Success, PageInfo.LastRowKey. */
  static Obj sensitiveFiles(Obj item) {
    return obj("RequestId", STR, "Code", STR, "HttpStatusCode", INT, "Message", STR, "Success", BOOL,
        "PageInfo", PAGE_INFO.with("LastRowKey", STR), "SensitiveFileList", arr(item));
  }

  /** DescribeImageSensitiveFileList (§1.13). */
  public static final Obj SENSITIVE_FILE_LIST = sensitiveFiles(obj("Advice", STR, "ClassKey", STR, "ClassName", STR,
      "Count", INT, "Description", STR, "FirstScanTime", INT, "LastScanTime", INT, "RiskLevel", STR,
      "SensitiveFileKey", STR, "SensitiveFileName", STR, "Status", INT, "UnprocessedNum", INT));

  /** DescribeImageSensitiveFileByKey (§1.13): {@code Promt}, sic. */
  public static final Obj SENSITIVE_FILE_BY_KEY = sensitiveFiles(obj("Advice", STR, "Description", STR,
      "FilePath", STR, "FirstScanTime", INT, "LastScanTime", INT, "LayerDigest?", STR, "Md5?", STR, "Promt", STR,
      "RiskLevel", STR, "SensitiveFileKey", STR, "SensitiveFileName", STR));

  /** Data of AddPrivateRegistry and ModifyImageRegistry (§1.14); Token is never answered. */
  public static final Obj REGISTRY_INFO = obj("AliUid?", INT, "DomainName", STR, "Id", INT, "NetType", INT,
      "Password", STR, "ProtocolType", INT, "RegionId", STR, "RegistryHostIp?", STR, "RegistryType", STR,
      "RegistryVersion", STR, "Token?", STR, "TransPerHour", INT, "UserName?", STR, "VpcId?", STR);

  /** AddPrivateRegistry (§1.14). */
  public static final Obj ADD_PRIVATE_REGISTRY = obj("RequestId", STR, "Data", REGISTRY_INFO);

  /** ModifyImageRegistry (§1.14): the envelope with Code "200" and TimeCost. */
  public static final Obj MODIFY_IMAGE_REGISTRY = obj("RequestId", STR, "Code", STR, "Data", REGISTRY_INFO,
      "HttpStatusCode", INT, "Message", STR, "Success", BOOL, "TimeCost", INT);

  /** DeletePrivateRegistry (§1.14). */
  public static final Obj DELETE_PRIVATE_REGISTRY = obj("RequestId", STR, "Data", BOOL);

  /** ListPrivateRegistryList (§1.14); fields Drydock has nothing for are absent. */
  public static final Obj PRIVATE_REGISTRY_LIST = obj("RequestId", STR, "ImageRegistryInfos", arr(obj("AliUid?", INT,
      "DomainName", STR, "Id", INT, "JenkinsEnv?", STR, "NetType", INT, "Password", STR, "PersistenceDay?", INT,
      "Port?", INT, "ProtocolType", INT, "RegionId", STR, "RegistryHostIp?", STR, "RegistryName?", STR,
      "RegistryType", STR, "RegistryVersion", STR, "Token?", STR, "TransPerHour", INT, "UserName?", STR,
      "VpcId?", STR, "WhiteList?", STR)));

  /** PageImageRegistry (§1.14). */
  public static final Obj PAGE_IMAGE_REGISTRY = obj("RequestId", STR, "PageInfo", PAGE_INFO, "List", arr(obj(
      "BlackList?", STR, "DomainName", STR, "GmtCreate", STR, "GmtModified", STR, "Id", INT, "ImageCount", INT,
      "JenkinsEnv?", STR, "NetType", INT, "Password", STR, "PersistenceDay?", INT, "ProtocolType", INT,
      "RegionId", STR, "RegistryHostIp?", STR, "RegistryName?", STR, "RegistryType", STR, "Token?", STR,
      "TransPerHour", INT, "UserName?", STR, "VpcId?", STR, "WhiteList?", STR)));

  /** ListImageRegistryRegion (§1.14). */
  public static final Obj REGISTRY_REGIONS = obj("RequestId", STR, "Regions", arr(strings("RegionId", "RegionName")));

  /** ListPrivateRegistryType (§1.14). */
  public static final Obj REGISTRY_TYPES = obj("RequestId", STR, "RegistryTypeInfos",
      arr(obj("Count", INT, "RegistryType", STR)));

  /**
   * DescribeGroupedContainerInstances (§1.8): {@code CusterState}, sic. Which fields an entry has
   * depends on the grouping (docs/clusters.md); SyncStatus is never answered.
   */
  public static final Obj GROUPED_CONTAINER_INSTANCES = obj("RequestId", STR, "PageInfo", PAGE_INFO,
      "GroupedContainerInstanceList", arr(obj("AlarmCount", INT, "AppName?", STR, "ClusterId?", STR,
          "ClusterName?", STR, "ClusterType?", STR, "CreateTime?", INT, "CusterState?", STR, "HcCount", INT,
          "HostIp?", STR, "Image?", STR, "ImageDigest?", STR, "ImageRepoName?", STR, "ImageRepoNamespace?", STR,
          "ImageRepoTag?", STR, "ImageUuid?", STR, "InstanceCount", INT, "InstanceId?", STR, "Namespace?", STR,
          "Pod?", STR, "PodIp?", STR, "RegionId?", STR, "RiskInstanceCount", INT, "RiskLevel?", STR,
          "RiskStatus", STR, "SyncOpen", INT, "SyncStatus?", INT, "VulCount", INT)));

  /**
   * Every difference between a success answer and its shape, plus a top-level {@code Code}
   * outside {@link #SUCCESS_CODES}.
   */
  public static List<String> mismatches(JsonNode answer, JsonShape shape) {
    List<String> out = new java.util.ArrayList<>(JsonShape.mismatches(answer, shape));
    JsonNode code = answer.path("Code");
    if (!code.isMissingNode() && !SUCCESS_CODES.contains(code.asString())) {
      out.add("$.Code: a success body carries Code " + code + " (pop-core would throw)");
    }
    return out;
  }
}
