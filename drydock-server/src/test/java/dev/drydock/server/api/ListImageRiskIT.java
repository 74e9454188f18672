package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.SasClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ListImageRisk through every official client against synced images of a real loopback registry
 * (see {@link InventoryFixture}; scans and workloads are simulated by inserted rows): the seed's
 * fields to the letter, paging and its validation, Statistics, the ImageName forms and the
 * ClusterId / Namespace / AppName filters.
 */
class ListImageRiskIT extends InventoryFixture {

  static final Set<String> SEED_FIELDS = new TreeSet<>(List.of("Digest", "EndPointList", "Endpoints", "Image",
      "ImageAccessType", "ImageId", "InternetURLs", "RegionId", "RegistryType", "RepoId", "RepoName", "RepoNamespace",
      "RepoType", "Statistics", "Tag", "TagImmutable", "Uuid", "VpcURLs"));

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void everySeedFieldWithItsType(SasClient client) throws Exception {
    JsonNode r = client.call("ListImageRisk", Map.of("ImageName", "team/app:2.0"));
    assertThat(r.path("RequestId").asString()).isNotBlank();
    assertThat(r.path("PageInfo").path("TotalCount").asInt()).isEqualTo(1);
    JsonNode item = r.path("ImageRiskList").get(0);
    Set<String> fields = new TreeSet<>();
    item.propertyNames().forEach(fields::add);
    assertThat(fields).isEqualTo(SEED_FIELDS);
    int port = registry.port();
    assertThat(item.path("RepoNamespace").asString()).isEqualTo("team");
    assertThat(item.path("RepoName").asString()).isEqualTo("app");
    assertThat(item.path("Tag").asString()).isEqualTo("2.0");
    assertThat(item.path("Digest").asString()).isEqualTo(digests.get("team/app:2.0"));
    assertThat(item.path("ImageId").asString()).hasSize(64);
    assertThat(item.path("RegionId").asString()).isEqualTo("cn-hangzhou");
    assertThat(item.path("RepoId").asString()).startsWith("crr-");
    assertThat(item.path("RepoType").asString()).isEqualTo("PUBLIC"); // anonymous pulls work
    assertThat(item.path("RegistryType").asString()).isEqualTo("harbor");
    assertThat(item.path("Endpoints").asString()).isEqualTo("http://127.0.0.1:" + port + "/team");
    assertThat(item.path("Image").asString()).isEqualTo(DOMAIN + ":" + port + "/team/app:2.0");
    assertThat(item.path("ImageAccessType").asString()).isEqualTo("IN_SAS");
    assertThat(item.path("TagImmutable").isNumber()).isTrue(); // tea parses numbers as doubles
    assertThat(item.path("TagImmutable").asInt()).isZero();
    assertThat(item.path("Uuid").asString()).matches("[0-9a-f-]{36}");
    assertThat(item.path("InternetURLs").asString()).isEmpty(); // NetType 2: VPC
    assertThat(item.path("VpcURLs").asString()).isEqualTo(DOMAIN + ":" + port + "/team/app");
    JsonNode endPoint = item.path("EndPointList").get(0);
    assertThat(endPoint.path("Type").asString()).isEqualTo("intranet");
    assertThat(endPoint.path("Domains").isArray()).isTrue();
    assertThat(List.of(endPoint.path("Domains").get(0).asString(), endPoint.path("Domains").get(1).asString()))
        .containsExactly(DOMAIN + ":" + port, "127.0.0.1:" + port);
    assertThat(item.path("Statistics").isString()).as("Statistics is a JSON string").isTrue();
    JsonNode stats = JsonMapper.builder().build().readTree(item.path("Statistics").asString());
    assertThat(stats.path("vul").asInt()).isEqualTo(7);
    assertThat(stats.path("baselineNum").asInt()).isEqualTo(2);
    assertThat(stats.path("newSuspicious").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void statisticsComeFromTheLatestScanOfTheDigestAndAreZeroBefore(SasClient client) throws Exception {
    JsonNode list = client.call("ListImageRisk", Map.of("PageSize", "100")).path("ImageRiskList");
    Map<String, String> stats = new LinkedHashMap<>();
    List<String> names = names(list);
    for (int i = 0; i < list.size(); i++) {
      stats.put(names.get(i), list.get(i).path("Statistics").asString());
    }
    String zero = "{\"baselineNum\":0,\"newSuspicious\":0,\"vul\":0}";
    assertThat(stats).hasSize(10)
        .containsEntry("team/app:2.0", "{\"baselineNum\":2,\"newSuspicious\":1,\"vul\":7}")
        .containsEntry("team/app:latest", "{\"baselineNum\":2,\"newSuspicious\":1,\"vul\":7}") // same digest
        .containsEntry("alpine:3.19", "{\"baselineNum\":0,\"newSuspicious\":0,\"vul\":3}")
        .containsEntry("library/alpine:3.19", "{\"baselineNum\":0,\"newSuspicious\":0,\"vul\":3}")
        .containsEntry("team/app:1.0", zero)
        .containsEntry("other/nginx-proxy:2", zero);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void pagesAreStableCompleteAndCounted(SasClient client) throws Exception {
    JsonNode first = client.call("ListImageRisk", Map.of());
    assertThat(first.path("PageInfo").path("PageSize").asInt()).isEqualTo(20); // default
    assertThat(first.path("PageInfo").path("CurrentPage").asInt()).isEqualTo(1); // default
    assertThat(first.path("PageInfo").path("TotalCount").asInt()).isEqualTo(10);
    assertThat(first.path("PageInfo").path("Count").asInt()).isEqualTo(10);
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      JsonNode r = client.call("ListImageRisk", Map.of("PageSize", "3", "CurrentPage", String.valueOf(page)));
      JsonNode info = r.path("PageInfo");
      assertThat(info.path("TotalCount").asInt()).isEqualTo(10);
      assertThat(info.path("Count").asInt()).isEqualTo(page < 4 ? 3 : 1);
      assertThat(info.path("PageSize").asInt()).isEqualTo(3);
      assertThat(info.path("CurrentPage").asInt()).isEqualTo(page);
      paged.addAll(names(r.path("ImageRiskList")));
    }
    assertThat(paged).isEqualTo(pageOrder()).isEqualTo(names(first.path("ImageRiskList")));
    JsonNode past = client.call("ListImageRisk", Map.of("PageSize", "3", "CurrentPage", "5"));
    assertThat(past.path("ImageRiskList").size()).isZero();
    assertThat(past.path("PageInfo").path("Count").asInt()).isZero();
    assertThat(past.path("PageInfo").path("TotalCount").asInt()).isEqualTo(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void pagingOutOfRangeIsInvalidParameterNamingIt(SasClient client) {
    assertRefused(client, "ListImageRisk", Map.of("PageSize", "0"), "InvalidParameter", "PageSize");
    assertRefused(client, "ListImageRisk", Map.of("PageSize", "101"), "InvalidParameter", "PageSize");
    assertRefused(client, "ListImageRisk", Map.of("PageSize", "twenty"), "InvalidParameter", "PageSize");
    assertRefused(client, "ListImageRisk", Map.of("CurrentPage", "0"), "InvalidParameter", "CurrentPage");
    assertRefused(client, "ListImageRisk", Map.of("CurrentPage", "1.5"), "InvalidParameter", "CurrentPage");
    assertRefused(client, "ListImageRisk", Map.of("ImageName", "team/app:"), "InvalidParameter", "ImageName");
  }

  static Stream<Arguments> imageNames() {
    return Stream.of(
        Arguments.of("team/app:1.0", sorted("team/app:1.0")),
        Arguments.of("alpine:3.19", sorted("alpine:3.19", "library/alpine:3.19")),
        Arguments.of("team/app", sorted("team/app:1.0", "team/app:1.1", "team/app:2.0", "team/app:latest")),
        Arguments.of("team/sub/tool", sorted("team/sub/tool:latest")),
        Arguments.of("team/", sorted("team/app:1.0", "team/app:1.1", "team/app:2.0", "team/app:latest",
            "team/app-worker:1.0", "team/sub/tool:latest")),
        Arguments.of("APP", sorted("team/app:1.0", "team/app:1.1", "team/app:2.0", "team/app:latest",
            "team/app-worker:1.0")),
        Arguments.of("nginx", sorted("other/nginx-proxy:2")),
        Arguments.of("3.19", sorted("alpine:3.19", "library/alpine:3.19")),
        Arguments.of("%", sorted()),
        Arguments.of("app:9.9", sorted()),
        Arguments.of("@HOST@/team/app:1.0", sorted("team/app:1.0")),
        Arguments.of("127.0.0.1:@PORT@/alpine:3.19", sorted("alpine:3.19")),
        Arguments.of("elsewhere.test/team/app:1.0", sorted()),
        Arguments.of("sha256:@alpine:3.19@", sorted("alpine:3.19", "library/alpine:3.19")),
        Arguments.of("team/app@sha256:@team/app:2.0@", sorted("team/app:2.0", "team/app:latest")));
  }

  static Stream<Arguments> clientsAndImageNames() {
    return clients().flatMap(c -> imageNames().map(a -> Arguments.of(c, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("clientsAndImageNames")
  void imageNameForms(SasClient client, String imageName, List<String> want) throws Exception {
    String name = imageName.replace("@HOST@", DOMAIN + ":" + registry.port())
        .replace("@PORT@", String.valueOf(registry.port()));
    for (String tagged : digests.keySet()) {
      name = name.replace("@" + tagged + "@", digests.get(tagged));
    }
    JsonNode r = client.call("ListImageRisk", Map.of("ImageName", name, "PageSize", "100"));
    assertThat(names(r.path("ImageRiskList")).stream().sorted().toList()).isEqualTo(want);
    assertThat(r.path("PageInfo").path("TotalCount").asInt()).isEqualTo(want.size());
  }

  static Stream<Arguments> workloadFilters() {
    return Stream.of(
        Arguments.of(Map.of("ClusterId", "c1"), sorted("team/app:1.0", "team/app-worker:1.0")),
        Arguments.of(Map.of("ClusterId", "c2"), sorted("alpine:3.19", "library/alpine:3.19", "team/app:2.0",
            "team/app:latest")),
        Arguments.of(Map.of("Namespace", "default"), sorted("team/app:1.0", "team/app-worker:1.0", "team/app:2.0",
            "team/app:latest")),
        Arguments.of(Map.of("AppName", "web"), sorted("team/app:1.0", "team/app:2.0", "team/app:latest")),
        Arguments.of(Map.of("ClusterId", "c1", "AppName", "web"), sorted("team/app:1.0")),
        Arguments.of(Map.of("ClusterId", "c2", "Namespace", "kube-system", "ImageName", "library/"),
            sorted("library/alpine:3.19")),
        Arguments.of(Map.of("AppName", "pending"), sorted()), // its workload has no digest yet
        Arguments.of(Map.of("ClusterId", "c3"), sorted()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workloadFilters")
  void clusterNamespaceAndAppFilterThroughWorkloads(Map<String, Object> filter, List<String> want) throws Exception {
    for (SasClient client : clients().toList()) {
      JsonNode r = client.call("ListImageRisk", filter);
      assertThat(names(r.path("ImageRiskList")).stream().sorted().toList()).as(client.name()).isEqualTo(want);
      assertThat(r.path("PageInfo").path("TotalCount").asInt()).as(client.name()).isEqualTo(want.size());
    }
  }
}
