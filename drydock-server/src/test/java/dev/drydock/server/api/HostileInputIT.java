package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.audit.AuditFilter;
import dev.drydock.server.audit.AuditQuery;
import dev.drydock.server.audit.AuditRecord;
import dev.drydock.server.audit.AuditTrail;
import dev.drydock.server.testing.RawRpc;
import dev.drydock.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile requests, signed and sent as raw HTTP ({@link RawRpc}, V1 with a form body so that
 * nothing limits their size but the server): every one gets a documented error code — never a
 * ServerError — and changes nothing. NUL characters (which PostgreSQL cannot store), lists longer
 * than a statement's bind parameters, values longer than the columns that keep them, wildcards,
 * overflowing numbers, deeply nested JSON; and a sweep of every Action with every parameter set to
 * each hostile value.
 */
class HostileInputIT {

  static final Set<Integer> DOCUMENTED_STATUSES = Set.of(200, 400, 403, 404, 409);
  static TestServer server;
  static RawRpc rpc;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    rpc = new RawRpc(server.endpoint(), server.admin().key().id(), server.admin().secret());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A signed V1 POST of {@code action} (Sas unless params name another Version) with a form body. */
  static RawRpc.Response post(String action, Map<String, String> params) throws Exception {
    Map<String, String> signed = rpc.signV1("POST", action, params, RawRpc.now(), RawRpc.nonce());
    return send(RawRpc.form(signed));
  }

  static RawRpc.Response send(String formBody) throws Exception {
    return rpc.send(new RawRpc.Request("POST", "", Map.of("content-type", "application/x-www-form-urlencoded"),
        List.of(formBody.getBytes(StandardCharsets.UTF_8))));
  }

  /** Asserts a documented error naming {@code parameter}; returns the body. */
  static JsonNode refused(RawRpc.Response r, String code, String parameter) {
    assertThat(r.status()).as("answer %s", new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
    JsonNode body = r.json();
    assertThat(body.path("Code").asString()).isEqualTo(code);
    assertThat(body.path("Message").asString()).contains(parameter);
    return body;
  }

  static JsonNode ok(RawRpc.Response r) {
    assertThat(r.status()).as("answer %s", new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return r.json();
  }

  static String repeat(String item, int n) {
    return IntStream.range(0, n).mapToObj(i -> item + i).collect(Collectors.joining(","));
  }

  @Test
  void aNulCharacterIsAnInvalidParameterAndEveryCallIsAudited() throws Exception {
    List<String> requestIds = new ArrayList<>();
    JsonNode e = refused(post("ListImageRisk", Map.of("ImageName", "app\0x")), "InvalidParameter", "ImageName");
    requestIds.add(e.path("RequestId").asString());
    Map<String, String> badNonce = rpc.signV1("POST", "ListImageRisk", Map.of(), RawRpc.now(), "nonce\0" + RawRpc.nonce());
    requestIds.add(refused(send(RawRpc.form(badNonce)), "InvalidParameter", "SignatureNonce").path("RequestId")
        .asString());
    requestIds.add(refused(send("Action=ListImageRisk%00&Version=2018-12-03"), "InvalidParameter", "Action")
        .path("RequestId").asString());
    requestIds.add(ok(post("ListImageRisk", Map.of("ImageName", "app"))).path("RequestId").asString());

    AuditTrail trail = server.bean(AuditTrail.class);
    assertThat(trail.flush(Duration.ofSeconds(30))).isTrue();
    List<String> audited = new ArrayList<>();
    server.bean(AuditQuery.class).forEach(AuditFilter.all(), (AuditRecord r) -> audited.add(r.requestId()));
    assertThat(audited).as("no audit record lost beside a hostile one").containsAll(requestIds);
  }

  @Test
  void listsLongerThanALimitAreRefusedNotServerErrors() throws Exception {
    refused(post("PublicPreCheckImageScanTask", Map.of("Digests", repeat("d", 70_000))), "InvalidParameter",
        "Digests");
    refused(post("DescribeImageVulList", Map.of("Type", "cve", "Uuids", repeat("u", 70_000))), "InvalidParameter",
        "Uuids");
    refused(post("DescribeImageInstances", Map.of("Criteria", "[{\"name\":\"repoName\",\"value\":\""
        + repeat("r", 70_000) + "\"}]")), "InvalidParameter", "Criteria");
    String many = IntStream.range(0, 2000).mapToObj(i -> "{\"name\":\"pod\",\"value\":\"p" + i + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
    refused(post("DescribeGroupedContainerInstances", Map.of("GroupField", "pod", "Criteria", many)),
        "InvalidParameter", "Criteria");
    Map<String, String> indexed = new LinkedHashMap<>(Map.of("Type", "cve"));
    indexed.put("ScanRange.99999999999", "image");
    refused(post("DescribeImageVulList", indexed), "InvalidParameter", "ScanRange.99999999999");
    assertThat(ok(post("PublicPreCheckImageScanTask", Map.of("Digests", repeat("d", 1000)))).path("Data")
        .path("ScanImageCount").asInt()).isZero();
  }

  @Test
  void valuesLongerThanTheirColumnsAreRefusedAndChangeNothing() throws Exception {
    int registries = ok(post("PageImageRegistry", Map.of("PageSize", "100"))).path("List").size();
    Map<String, String> registry = new LinkedHashMap<>(Map.of("DomainName", "hostile.drydock.test", "NetType", "2",
        "ProtocolType", "1", "RegistryHostIp", "127.0.0.1", "RegistryRegionId", "cn-hangzhou", "RegistryType", "quay",
        "RegistryVersion", "V2", "UserName", "u", "Password", "p", "TransPerHour", "0"));
    registry.put("ExtraParam", "[{\"namespace\":\"ns\",\"authToken\":\"" + "t".repeat(3500) + "\"}]");
    refused(post("AddPrivateRegistry", registry), "InvalidParameter", "ExtraParam");
    registry.put("ExtraParam", "[{\"namespace\":\"ns\",\"authToken\":\"t\"}]");
    registry.put("Password", "é".repeat(1000));
    JsonNode e = refused(post("AddPrivateRegistry", registry), "InvalidParameter", "Password");
    assertThat(e.path("Message").asString()).doesNotContain("éé");
    assertThat(ok(post("PageImageRegistry", Map.of("PageSize", "100"))).path("List").size()).isEqualTo(registries);

    int clusters = ok(post("ListKubernetesClusters", Map.of())).path("Clusters").size();
    refused(post("AddKubernetesCluster", Map.of("ClusterName", "long-url", "ApiServerUrl",
        "https://k8s.example/" + "a".repeat(2000), "Token", "t", "InsecureSkipTlsVerify", "true")), "InvalidParameter",
        "ApiServerUrl");
    refused(post("AddKubernetesCluster", Map.of("ClusterName", "long-token", "ApiServerUrl", "https://k8s.example",
        "Token", "t".repeat(40_000), "InsecureSkipTlsVerify", "true")), "InvalidParameter", "Token");
    assertThat(ok(post("ListKubernetesClusters", Map.of())).path("Clusters").size()).isEqualTo(clusters);

    refused(post("PublicSyncAndCreateImageScanTask", Map.of("Images", "[{\"repoNamespace\":\"" + "n".repeat(256)
        + "\",\"repoName\":\"" + "r".repeat(256) + "\",\"digest\":\"" + "ab".repeat(32) + "\",\"tag\":\""
        + "t".repeat(128) + "\"}]")), "InvalidParameter", "repoNamespace/repoName");
    String digest = "ab".repeat(32);
    String image = "[{\"repoNamespace\":\"hostile\",\"repoName\":\"app\",\"digest\":\"" + digest + "\",\"tag\":\"1\"}]";
    refused(post("PublicSyncAndCreateImageScanTask", Map.of("Images", image, "SourceIp", "1".repeat(100))),
        "InvalidParameter", "SourceIp");
    assertThat(ok(post("ListImageRisk", Map.of("ImageName", "hostile/app"))).path("ImageRiskList").size())
        .as("the refused call added no image").isZero();
    ok(post("PublicSyncAndCreateImageScanTask", Map.of("Images", image)));
    refused(post("PublicCreateImageScanTask", Map.of("Digests", digest, "SourceIp", "1".repeat(100))),
        "InvalidParameter", "SourceIp");
    String digests = digest + "," + IntStream.range(0, 999).mapToObj(i -> String.format("%064x", i))
        .collect(Collectors.joining(","));
    JsonNode created = ok(post("PublicCreateImageScanTask", Map.of("Digests", digests)));
    assertThat(created.path("Data").path("TotalCount").asInt()).as("a long valid filter is recorded").isEqualTo(1);
  }

  @Test
  void wildcardsAndNumbersAreTakenLiterally() throws Exception {
    String image = "[{\"repoNamespace\":\"wild\",\"repoName\":\"card\",\"digest\":\"" + "cd".repeat(32) + "\",\"tag\":\"1\"}]";
    ok(post("PublicSyncAndCreateImageScanTask", Map.of("Images", image)));
    assertThat(ok(post("ListImageRisk", Map.of("ImageName", "wild/card"))).path("ImageRiskList").size()).isEqualTo(1);
    for (String wildcard : List.of("%", "_", "\\", "wild%card", "wild_card", "%%", "\\%")) {
      assertThat(ok(post("ListImageRisk", Map.of("ImageName", wildcard))).path("ImageRiskList").size())
          .as("ImageName %s", wildcard).isZero();
      assertThat(ok(post("PageImageRegistry", Map.of("RegistryNameLike", wildcard))).path("List").size())
          .as("RegistryNameLike %s", wildcard).isZero();
    }
    refused(post("ListImageRisk", Map.of("PageSize", "-1")), "InvalidParameter", "PageSize");
    refused(post("ListImageRisk", Map.of("PageSize", "99999999999999999999")), "InvalidParameter", "PageSize");
    refused(post("ListImageRisk", Map.of("CurrentPage", "2147483648")), "InvalidParameter", "CurrentPage");
    assertThat(ok(post("ListImageRisk", Map.of("CurrentPage", "2147483647", "PageSize", "100"))).path("ImageRiskList")
        .size()).isZero();
    refused(post("DescribeImageInstances", Map.of("Criteria", "[".repeat(100_000))), "InvalidParameter", "Criteria");
    for (String criteria : List.of("[{\"name\":\"pod\",\"value\":{\"a\":[1]}}]", "[{\"name\":\"riskLevel\",\"value\":[]}]",
        "{\"name\":\"pod\"}", "[".repeat(600))) {
      refused(post("DescribeGroupedContainerInstances", Map.of("GroupField", "pod", "Criteria", criteria)),
          "InvalidParameter", "Criteria");
    }
    refused(post("PublicSyncAndCreateImageScanTask", Map.of("Images", "[{\"repoNamespace\":\"wild\",\"repoName\":"
        + "\"card\",\"digest\":\"" + "cd".repeat(32) + "\",\"tag\":\"2\",\"createTime\":" + "9".repeat(30) + "}]")),
        "InvalidParameter", "createTime");
  }

  @Test
  void aSignatureMismatchDoesNotEchoTheSecretsSent() throws Exception {
    RawRpc wrong = new RawRpc(server.endpoint(), server.admin().key().id(), "not-the-secret-0123456789abc");
    Map<String, String> signed = wrong.signV1("POST", "AddPrivateRegistry", Map.of("DomainName", "echo.drydock.test",
        "Password", "Echo-Passw0rd-42", "ExtraParam", "[{\"authToken\":\"echo-token-42\"}]"), RawRpc.now(),
        RawRpc.nonce());
    JsonNode e = refused(send(RawRpc.form(signed)), "SignatureDoesNotMatch", "string to sign");
    assertThat(e.path("Message").asString()).contains("DomainName").contains("echo.drydock.test")
        .doesNotContain("Echo-Passw0rd-42").doesNotContain("echo-token-42");
  }

  /** Parameter names the Actions read, for the sweep. */
  static final List<String> NAMES = List.of("AliasName", "ApiServerUrl", "AppName", "CaCert", "CascadingDelete",
      "ClusterId", "ClusterName", "ClusterType", "Comments", "Context", "Criteria", "CriteriaType", "CurrentPage",
      "CveId", "Dealed", "Description", "Digest", "Digests", "DisplayName", "DomainName", "EndTime", "ExtraParam",
      "FieldValue", "FuzzyMaliciousName", "GroupField", "Id", "Image", "ImageDigest", "ImageLayer", "ImageName",
      "ImageTag", "ImageUuid", "Images", "InCluster", "InsecureSkipTlsVerify", "InstanceIds", "IsLatest", "KubeConfig",
      "Lang", "Levels", "LogicalExp", "Marker", "MaxItems", "Name", "Namespace", "Necessity", "NetType", "PageSize",
      "Password", "PatchId", "Pod", "PolicyDocument", "PolicyName", "PolicyType", "Port", "ProtocolType", "RegionIds",
      "RegistryHostIp", "RegistryId", "RegistryNameLike", "RegistryRegionId", "RegistryType", "RegistryTypeInList.1",
      "RegistryTypeNotInList.1", "RegistryTypes", "RegistryVersion", "RelateInfo", "RepoId", "RepoIds",
      "RepoInstanceId", "RepoName", "RepoNames", "RepoNamespace", "RepoNamespaces", "RepoRegionId", "RiskLevel",
      "ScanRange.1", "Scanned", "SensitiveFileKey", "SensitiveKeyList", "Source", "SourceIp", "StartTime", "Status",
      "StatusList.1", "Tag", "Tags", "Target", "TaskId", "TaskType", "Token", "TransPerHour", "Type",
      "UserAccessKeyId", "UserName", "Uuids", "Value", "VpcId");

  static final List<String> HOSTILE = List.of("%_\\'\";--", "-1", "99999999999999999999", "2147483647",
      "[".repeat(5000), "[{\"name\":\"pod\",\"value\":\"%\"},{\"name\":\"repoName\",\"value\":\"_\"}]",
      "[{\"name\":\"pod\",\"value\":{\"a\":[1]}},{\"name\":\"riskLevel\",\"value\":[]},{\"Effect\":1e999}]",
      "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
      "x".repeat(20_000), "..%2F..%2F..%2Fetc%2Fpasswd", "/etc/passwd");

  @Test
  void everyActionWithEveryParameterHostileAnswersADocumentedCode() throws Exception {
    ActionRegistry actions = server.bean(ActionRegistry.class);
    List<String> failures = new ArrayList<>();
    for (String version : List.of(SasApi.VERSION, "2015-05-01")) {
      for (String action : actions.names(version)) {
        for (String value : HOSTILE) {
          Map<String, String> params = new LinkedHashMap<>();
          NAMES.forEach(n -> params.put(n, value));
          params.put("Version", version);
          RawRpc.Response r = post(action, params);
          String code = r.json().path("Code").asString();
          if (!DOCUMENTED_STATUSES.contains(r.status()) || code.equals("ServerError")) {
            failures.add(version + " " + action + " with " + value.substring(0, Math.min(40, value.length())) + ": "
                + r.status() + " " + new String(r.body(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    assertThat(failures).isEmpty();
    ok(post("ListImageRisk", Map.of()));
  }
}
