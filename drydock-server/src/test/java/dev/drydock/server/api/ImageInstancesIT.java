package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.SasClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * DescribeImageInstances, DescribeImageInfoList and DescribeImageCriteria through every official
 * client against synced images of a real loopback registry (see {@link InventoryFixture}; scans
 * and workloads are simulated by inserted rows).
 */
class ImageInstancesIT extends InventoryFixture {

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void instancesCarryInventoryAndScanFields(SasClient client) throws Exception {
    JsonNode r = client.call("DescribeImageInstances", Map.of("PageSize", "100"));
    assertThat(r.path("PageInfo").path("TotalCount").asInt()).isEqualTo(10);
    assertThat(r.path("PageInfo").path("Count").asInt()).isEqualTo(10);
    assertThat(names(r.path("ImageInstanceList"))).isEqualTo(pageOrder());
    JsonNode scanned = find(r.path("ImageInstanceList"), "team/app:2.0");
    assertThat(scanned.path("VulCount").asInt()).isEqualTo(7);
    assertThat(scanned.path("HcCount").asInt()).isEqualTo(2);
    assertThat(scanned.path("AlarmCount").asInt()).isEqualTo(1);
    assertThat(List.of(scanned.path("VulStatus").asString(), scanned.path("HcStatus").asString(),
        scanned.path("AlarmStatus").asString(), scanned.path("RiskStatus").asString()))
        .containsOnly("YES");
    assertThat(scanned.path("LastScanTime").asLong()).isEqualTo(SCANNED_AT.toEpochMilli());
    assertThat(scanned.path("ScaStatus").asString()).isEqualTo("SUCCESS");
    assertThat(scanned.path("ScaProgress").asInt()).isEqualTo(100);
    assertThat(scanned.path("Deployed").asInt()).isEqualTo(1);
    assertThat(scanned.path("InstanceId").asString()).isEqualTo(String.valueOf(registryId));
    assertThat(scanned.path("RepoType").asString()).isEqualTo("public");
    assertThat(scanned.path("RegistryType").asString()).isEqualTo("harbor");
    assertThat(scanned.path("Status").asString()).isEqualTo("NORMAL");
    assertThat(scanned.path("ImageSize").asString()).isEqualTo(String.valueOf(sizes.get("team/app:2.0")));
    assertThat(scanned.path("ImageUpdate").asString()).matches("\\d{13}");
    assertThat(scanned.path("Digest").asString()).isEqualTo(digests.get("team/app:2.0"));

    JsonNode fresh = find(r.path("ImageInstanceList"), "team/sub/tool:latest");
    assertThat(fresh.path("VulCount").asInt()).isZero();
    assertThat(fresh.path("HcCount").asInt()).isZero();
    assertThat(fresh.path("AlarmCount").asInt()).isZero();
    assertThat(fresh.path("RiskStatus").asString()).isEqualTo("NO");
    assertThat(fresh.path("Deployed").asInt()).isZero();
    assertThat(fresh.has("LastScanTime")).as("never scanned: no LastScanTime").isFalse();
    assertThat(fresh.has("ScaStatus")).isFalse();
    assertThat(fresh.has("Code")).isFalse();
  }

  static Stream<Arguments> criteria() {
    return Stream.of(
        Arguments.of(Map.of("Criteria", "[{\"name\":\"repoName\",\"value\":\"app\"}]"), 5),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"vulStatus\",\"value\":\"YES\"}]"), 4),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"alarmStatus\",\"value\":\"yes\"}]"), 2),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"riskStatus\",\"value\":\"NO\"}]"), 6),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"tag\",\"value\":\"1.0,1.1\",\"logicalExp\":\"OR\"}]"), 3),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"tag\",\"value\":\"1.0,1.1\",\"logicalExp\":\"AND\"}]"), 0),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"tag\",\"value\":\"1.0\"},{\"name\":\"repoNamespace\",\"value\":\"team\"}]"), 2),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"tag\",\"value\":\"1.0\"},{\"name\":\"repoNamespace\",\"value\":\"team\"}]",
            "LogicalExp", "OR"), 6),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"registryType\",\"value\":\"harbor\"}]"), 10),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"registryType\",\"value\":\"acr\"}]"), 0),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"repoType\",\"value\":\"public\"}]"), 10),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"regionId\",\"value\":\"hangzhou\"}]"), 10),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"digest\",\"value\":\"sha256:@team/app:2.0@\"}]"), 2),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"instanceId\",\"value\":\"@REGISTRY@\"}]"), 10),
        Arguments.of(Map.of("Criteria", "[{\"name\":\"tag\",\"value\":\"\"}]"), 10),
        Arguments.of(Map.of("Criteria", "[]"), 10),
        Arguments.of(Map.of("Scanned", "true"), 4),
        Arguments.of(Map.of("Scanned", "false"), 6),
        Arguments.of(Map.of("Scanned", "false", "Criteria", "[{\"name\":\"repoName\",\"value\":\"alpine\"}]"), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("criteria")
  void criteriaSelect(Map<String, Object> query, int want) throws Exception {
    Map<String, Object> q = new java.util.HashMap<>(query);
    q.computeIfPresent("Criteria", (k, v) -> substitute((String) v));
    for (SasClient client : clients().toList()) {
      JsonNode r = client.call("DescribeImageInstances", q);
      assertThat(r.path("PageInfo").path("TotalCount").asInt()).as(client.name()).isEqualTo(want);
      assertThat(r.path("ImageInstanceList").size()).as(client.name()).isEqualTo(want);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void malformedCriteriaAreInvalidParameterNamingThem(SasClient client) {
    for (String bad : List.of("not json", "{\"name\":\"tag\",\"value\":\"x\"}", "[1]", "[{\"value\":\"x\"}]",
        "[{\"name\":\"nope\",\"value\":\"x\"}]", "[{\"name\":\"vulStatus\",\"value\":\"MAYBE\"}]",
        "[{\"name\":\"tag\",\"value\":\"x\",\"logicalExp\":\"XOR\"}]", "[{\"name\":\"tag\",\"value\":{\"a\":1}}]")) {
      assertRefused(client, "DescribeImageInstances", Map.of("Criteria", bad), "InvalidParameter", "Criteria");
    }
    assertRefused(client, "DescribeImageInstances", Map.of("LogicalExp", "XOR"), "InvalidParameter", "LogicalExp");
    assertRefused(client, "DescribeImageInstances", Map.of("Scanned", "perhaps"), "InvalidParameter", "Scanned");
    assertRefused(client, "DescribeImageInstances", Map.of("PageSize", "1000"), "InvalidParameter", "PageSize");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void infoListAnswersTheGivenUuidsInOrder(SasClient client) throws Exception {
    JsonNode all = client.call("DescribeImageInstances", Map.of("PageSize", "100")).path("ImageInstanceList");
    String appUuid = find(all, "team/app:2.0").path("Uuid").asString();
    String toolUuid = find(all, "team/sub/tool:latest").path("Uuid").asString();
    JsonNode r = client.call("DescribeImageInfoList", Map.of("Uuids",
        toolUuid + ", 00000000-0000-0000-0000-000000000000," + appUuid + "," + toolUuid));
    JsonNode infos = r.path("ImageInfos");
    assertThat(names(infos)).containsExactly("team/sub/tool:latest", "team/app:2.0");
    JsonNode app = infos.get(1);
    assertThat(app.path("Uuid").asString()).isEqualTo(appUuid);
    assertThat(app.path("VulCount").asInt()).isEqualTo(7);
    assertThat(app.path("RiskStatus").asString()).isEqualTo("YES");
    assertThat(app.path("AlarmStatus").asString()).isEqualTo("YES");
    assertThat(app.path("RepoType").asString()).isEqualTo("PUBLIC");
    assertThat(app.path("TagImmutable").asInt()).isZero();
    assertThat(app.path("ImageSize").isNumber()).isTrue();
    assertThat(app.path("ImageSize").asLong()).isEqualTo(sizes.get("team/app:2.0"));
    assertThat(app.path("ImageUpdate").isNumber()).isTrue();
    assertThat(app.path("InstanceId").asString()).isEqualTo(String.valueOf(registryId));
    assertThat(infos.get(0).path("VulStatus").asString()).isEqualTo("NO");

    assertRefused(client, "DescribeImageInfoList", Map.of(), "MissingParameter", "Uuids");
    String tooMany = String.join(",", IntStream.range(0, 101).mapToObj(i -> "u" + i).toList());
    assertRefused(client, "DescribeImageInfoList", Map.of("Uuids", tooMany), "InvalidParameter", "Uuids");
  }

  static Stream<Arguments> criteriaKeywords() {
    return Stream.of(
        Arguments.of("", List.of("imageId", "tag", "digest", "instanceId", "repoName", "repoId", "repoNamespace",
            "regionId", "repoType=PRIVATE,PUBLIC", "registryType=acr,harbor,quay,CI/CD", "riskStatus=NO,YES",
            "vulStatus=NO,YES", "hcStatus=NO,YES", "alarmStatus=NO,YES")),
        Arguments.of("sub", List.of("repoName")),
        Arguments.of("Hangzhou", List.of("regionId")),
        Arguments.of("harb", List.of("registryType=harbor")),
        Arguments.of("yes", List.of("riskStatus=YES", "vulStatus=YES", "hcStatus=YES", "alarmStatus=YES")),
        Arguments.of("nginx", List.of("repoName")),
        Arguments.of("team", List.of("repoNamespace")),
        Arguments.of("zzzz", List.of()));
  }

  @ParameterizedTest(name = "Value={0}")
  @MethodSource("criteriaKeywords")
  void criteriaListTheNamesAKeywordMatches(String keyword, List<String> want) throws Exception {
    for (SasClient client : clients().toList()) {
      JsonNode list = client.call("DescribeImageCriteria", keyword.isEmpty() ? Map.of() : Map.of("Value", keyword))
          .path("CriteriaList");
      List<String> got = new ArrayList<>();
      for (JsonNode c : list) {
        String type = c.path("Type").asString();
        assertThat(type).isIn("input", "select");
        got.add(c.path("Name").asString() + (type.equals("select") ? "=" + c.path("Values").asString() : ""));
      }
      assertThat(got).as(client.name()).isEqualTo(want);
    }
  }

  static JsonNode find(JsonNode list, String name) {
    List<String> n = names(list);
    assertThat(n).contains(name);
    return list.get(n.indexOf(name));
  }

  static String substitute(String text) {
    String s = text.replace("@REGISTRY@", String.valueOf(registryId));
    for (Map.Entry<String, String> d : digests.entrySet()) {
      s = s.replace("@" + d.getKey() + "@", d.getValue());
    }
    return s;
  }
}
