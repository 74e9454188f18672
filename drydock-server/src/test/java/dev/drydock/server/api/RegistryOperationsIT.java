package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.SasShapes;
import dev.drydock.server.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The registry operations of reference §1.14 through every official client: fields and types
 * of each answer, paging parameters in the form body, validation errors naming the parameter, and
 * passwords (and ExtraParam tokens) never answered in clear. Background syncs are off here
 * ({@code drydock.background.enabled=false}); RegistrySyncIT covers them.
 */
class RegistryOperationsIT {

  private static final String BACKGROUND = "drydock.background.enabled";
  private static final String PASSWORD = "P@ss w0rd+/&=*~ä";
  private static final String NEW_PASSWORD = "N3w-P@ssword!";
  private static final String TOKEN = "tok-SECRET-123";

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty(BACKGROUND, "false");
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    System.clearProperty(BACKGROUND);
    server.close();
  }

  static Stream<SasClient> clients() {
    return server.adminClients().stream();
  }

  static String domain(SasClient client, String suffix) {
    return client.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "")
        + "-" + suffix + ".drydock.test";
  }

  static Map<String, Object> valid(String domain) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("DomainName", domain);
    p.put("NetType", "1");
    p.put("Password", PASSWORD);
    p.put("ProtocolType", "2");
    p.put("RegistryHostIp", "10.0.0.5");
    p.put("RegistryRegionId", "cn-shanghai");
    p.put("RegistryType", "harbor");
    p.put("RegistryVersion", "V2");
    p.put("UserName", "robot$ci");
    return p;
  }

  /**
   * Calls with form-body parameters, as the official SDK sends PageImageRegistry's paging and
   * ModifyImageRegistry's Id. aliyun-java-sdk-core signs body parameters but sends no body with
   * GET, so for its GET variant they go in the query (where a GET caller puts them).
   */
  static JsonNode withBody(SasClient client, String action, Map<String, Object> query, Map<String, Object> body)
      throws SasClient.ApiError {
    if (client.name().endsWith(" GET")) {
      Map<String, Object> all = new LinkedHashMap<>(query);
      all.putAll(body);
      return client.call("2018-12-03", action, all, Map.of());
    }
    return client.call("2018-12-03", action, query, body);
  }

  static JdbcClient jdbc() {
    return server.bean(JdbcClient.class);
  }

  static String stored(long id, String column) {
    return jdbc().sql("SELECT " + column + " FROM registry WHERE id = :id").param("id", id).query(String.class).single();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void registryLifecycle(SasClient client) throws Exception {
    String domain = domain(client, "life");
    Map<String, Object> add = valid(domain);
    add.put("Port", "8443");
    add.put("RegistryType", "quay");
    add.put("ExtraParam", "[{\"namespace\":\"ns\",\"authToken\":\"" + TOKEN + "\"}]");
    add.put("TransPerHour", "6");
    add.put("VpcId", "vpc-123");
    JsonNode r = client.call("AddPrivateRegistry", add);
    assertThat(r.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    assertThat(r.has("Code")).isFalse();
    assertThat(SasShapes.mismatches(r, SasShapes.ADD_PRIVATE_REGISTRY)).as(r.toString()).isEmpty();
    JsonNode data = r.path("Data");
    long id = data.path("Id").asLong();
    assertThat(id).isPositive();
    assertThat(data.path("DomainName").asString()).isEqualTo(domain);
    assertThat(data.path("NetType").asInt()).isEqualTo(1);
    assertThat(data.path("ProtocolType").asInt()).isEqualTo(2);
    assertThat(data.path("RegionId").asString()).isEqualTo("cn-shanghai");
    assertThat(data.path("RegistryHostIp").asString()).isEqualTo("10.0.0.5");
    assertThat(data.path("RegistryType").asString()).isEqualTo("quay");
    assertThat(data.path("RegistryVersion").asString()).isEqualTo("V2");
    assertThat(data.path("TransPerHour").asInt()).isEqualTo(6);
    assertThat(data.path("UserName").asString()).isEqualTo("robot$ci");
    assertThat(data.path("VpcId").asString()).isEqualTo("vpc-123");
    assertThat(data.path("Password").asString()).isEqualTo("******");
    assertThat(data.path("AliUid").isIntegralNumber()).isTrue();

    SecretCipher cipher = server.bean(SecretCipher.class);
    assertThat(stored(id, "password_enc")).startsWith("v1:").doesNotContain(PASSWORD);
    assertThat(cipher.decrypt("registry-password", stored(id, "password_enc"))).isEqualTo(PASSWORD);
    assertThat(stored(id, "extra_param")).startsWith("v1:").doesNotContain(TOKEN);
    assertThat(jdbc().sql("SELECT sync_requested FROM registry WHERE id = :id").param("id", id)
        .query(Boolean.class).single()).as("registration asks for a sync").isTrue();

    JsonNode list = client.call("ListPrivateRegistryList", Map.of("RegistryType", "quay"));
    assertThat(SasShapes.mismatches(list, SasShapes.PRIVATE_REGISTRY_LIST)).as(list.toString()).isEmpty();
    assertThat(list.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    JsonNode info = find(list.path("ImageRegistryInfos"), id);
    assertThat(info.path("Port").asInt()).isEqualTo(8443);
    assertThat(info.path("RegistryName").asString()).isEqualTo(domain);
    assertThat(info.path("Password").asString()).isEqualTo("******");
    assertThat(info.path("RegistryType").asString()).isEqualTo("quay");
    assertThat(info.path("TransPerHour").asInt()).isEqualTo(6);
    assertThat(find(client.call("ListPrivateRegistryList", Map.of()).path("ImageRegistryInfos"), id)).isNotNull();
    assertThat(client.call("ListPrivateRegistryList", Map.of("RegistryType", "harbor")).path("ImageRegistryInfos"))
        .noneMatch(n -> n.path("Id").asLong() == id);

    String like = domain.substring(0, domain.indexOf(".drydock")).toUpperCase(Locale.ROOT);
    JsonNode page = withBody(client, "PageImageRegistry", Map.of("SourceIp", "127.0.0.1"),
        Map.of("CurrentPage", "1", "PageSize", "1", "RegistryNameLike", like, "RegistryTypeInList",
            List.of("harbor", "quay")));
    assertThat(page.toString()).doesNotContain(PASSWORD);
    assertThat(SasShapes.mismatches(page, SasShapes.PAGE_IMAGE_REGISTRY)).as(page.toString()).isEmpty();
    assertThat(page.path("List")).hasSize(1);
    JsonNode item = page.path("List").path(0);
    assertThat(item.path("Id").asLong()).isEqualTo(id);
    assertThat(item.path("Password").asString()).isEqualTo("******");
    assertThat(item.path("ImageCount").asInt()).isZero();
    assertThat(item.path("GmtCreate").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(item.path("GmtModified").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    assertThat(page.path("PageInfo").path("Count").asInt()).isEqualTo(1);
    assertThat(page.path("PageInfo").path("CurrentPage").asInt()).isEqualTo(1);
    assertThat(page.path("PageInfo").path("PageSize").asInt()).isEqualTo(1);
    assertThat(page.path("PageInfo").path("TotalCount").asInt()).isEqualTo(1);
    JsonNode excluded = withBody(client, "PageImageRegistry", Map.of(),
        Map.of("RegistryNameLike", like, "RegistryTypeNotInList", List.of("quay")));
    assertThat(excluded.path("List")).isEmpty();
    assertThat(excluded.path("PageInfo").path("TotalCount").asInt()).isZero();
    assertThat(excluded.path("PageInfo").path("PageSize").asInt()).isEqualTo(20);
    JsonNode second = withBody(client, "PageImageRegistry", Map.of(),
        Map.of("CurrentPage", "2", "PageSize", "1", "RegistryNameLike", like));
    assertThat(second.path("List")).isEmpty();
    assertThat(second.path("PageInfo").path("TotalCount").asInt()).isEqualTo(1);

    String domain2 = domain(client, "moved");
    JsonNode modified = withBody(client, "ModifyImageRegistry",
        Map.of("DomainName", domain2, "Port", "9443", "RegistryHostIp", "10.0.0.6"),
        Map.of("Id", String.valueOf(id), "Password", NEW_PASSWORD, "TransPerHour", "12", "UserName", "robot2"));
    assertThat(modified.toString()).doesNotContain(NEW_PASSWORD).doesNotContain(PASSWORD);
    assertThat(SasShapes.mismatches(modified, SasShapes.MODIFY_IMAGE_REGISTRY)).as(modified.toString()).isEmpty();
    assertThat(modified.path("Code").asString()).isEqualTo("200");
    assertThat(modified.path("Success").asBoolean()).isTrue();
    assertThat(modified.path("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(modified.path("Message").asString()).isNotBlank();
    assertThat(modified.path("TimeCost").isIntegralNumber()).isTrue();
    assertThat(modified.path("Data").path("DomainName").asString()).isEqualTo(domain2);
    assertThat(modified.path("Data").path("RegistryHostIp").asString()).isEqualTo("10.0.0.6");
    assertThat(modified.path("Data").path("TransPerHour").asInt()).isEqualTo(12);
    assertThat(modified.path("Data").path("UserName").asString()).isEqualTo("robot2");
    assertThat(modified.path("Data").path("Password").asString()).isEqualTo("******");
    assertThat(cipher.decrypt("registry-password", stored(id, "password_enc"))).isEqualTo(NEW_PASSWORD);
    assertThat(jdbc().sql("SELECT port FROM registry WHERE id = :id").param("id", id).query(Integer.class).single())
        .isEqualTo(9443);

    // The mask echoed back keeps the stored password.
    withBody(client, "ModifyImageRegistry", Map.of(), Map.of("Id", String.valueOf(id), "Password", "******"));
    assertThat(cipher.decrypt("registry-password", stored(id, "password_enc"))).isEqualTo(NEW_PASSWORD);

    JsonNode deleted = client.call("DeletePrivateRegistry", Map.of("RegistryId", String.valueOf(id)));
    assertThat(SasShapes.mismatches(deleted, SasShapes.DELETE_PRIVATE_REGISTRY)).as(deleted.toString()).isEmpty();
    assertThat(deleted.path("Data").asBoolean()).isTrue();
    assertThat(client.call("DeletePrivateRegistry", Map.of("RegistryId", String.valueOf(id))).path("Data").asBoolean())
        .isFalse();
    assertThat(client.call("ListPrivateRegistryList", Map.of()).path("ImageRegistryInfos"))
        .noneMatch(n -> n.path("Id").asLong() == id);
  }

  private static JsonNode find(JsonNode array, long id) {
    for (JsonNode n : array) {
      if (n.path("Id").asLong() == id) {
        return n;
      }
    }
    throw new AssertionError("no registry " + id + " in " + array);
  }

  /** One call that must fail with {@code code}, naming {@code parameter} in its message. */
  record Bad(String action, Map<String, Object> query, Map<String, Object> body, String code, String parameter) {}

  static List<Bad> badCalls(SasClient client) {
    List<Bad> bad = new ArrayList<>();
    String domain = domain(client, "bad");
    for (String required : valid(domain).keySet()) {
      Map<String, Object> p = valid(domain);
      p.remove(required);
      bad.add(new Bad("AddPrivateRegistry", p, Map.of(), "MissingParameter", required));
    }
    Object[][] invalid = {
        {"NetType", "3"}, {"NetType", "x"}, {"ProtocolType", "0"}, {"RegistryType", "docker"},
        {"RegistryVersion", "V3"}, {"Port", "70000"}, {"Port", "0"}, {"RegistryRegionId", "mars-1"},
        {"DomainName", "https://x.drydock.test"}, {"DomainName", "x.drydock.test:5000"},
        {"DomainName", "x.drydock.test/path"}, {"RegistryHostIp", "10.0.0.5:80"}, {"ExtraParam", "not json"},
        {"ExtraParam", "{\"namespace\":\"ns\"}"}, {"TransPerHour", "61"}, {"TransPerHour", "-1"},
    };
    for (Object[] i : invalid) {
      Map<String, Object> p = valid(domain);
      p.put((String) i[0], i[1]);
      bad.add(new Bad("AddPrivateRegistry", p, Map.of(), "InvalidParameter", (String) i[0]));
    }
    Map<String, Object> quay = valid(domain);
    quay.put("RegistryType", "quay");
    bad.add(new Bad("AddPrivateRegistry", quay, Map.of(), "MissingParameter", "ExtraParam"));
    bad.add(new Bad("ListPrivateRegistryList", Map.of("RegistryType", "docker"), Map.of(), "InvalidParameter",
        "RegistryType"));
    bad.add(new Bad("PageImageRegistry", Map.of(), Map.of("RegistryTypeInList", List.of("harbor", "docker")),
        "InvalidParameter", "RegistryTypeInList.2"));
    bad.add(new Bad("PageImageRegistry", Map.of(), Map.of("RegistryTypeNotInList", List.of("nope")),
        "InvalidParameter", "RegistryTypeNotInList.1"));
    bad.add(new Bad("PageImageRegistry", Map.of(), Map.of("PageSize", "0"), "InvalidParameter", "PageSize"));
    bad.add(new Bad("PageImageRegistry", Map.of(), Map.of("CurrentPage", "first"), "InvalidParameter", "CurrentPage"));
    bad.add(new Bad("ModifyImageRegistry", Map.of(), Map.of("Password", "x"), "MissingParameter", "Id"));
    bad.add(new Bad("ModifyImageRegistry", Map.of(), Map.of("Id", "nine"), "InvalidParameter", "Id"));
    bad.add(new Bad("ModifyImageRegistry", Map.of(), Map.of("Id", "987654321"), "InvalidParameter.NotFound", "Id"));
    bad.add(new Bad("ModifyImageRegistry", Map.of("Port", "65536"), Map.of("Id", "987654321"), "InvalidParameter",
        "Port"));
    bad.add(new Bad("ModifyImageRegistry", Map.of(), Map.of("Id", "987654321", "TransPerHour", "1000"),
        "InvalidParameter", "TransPerHour"));
    bad.add(new Bad("DeletePrivateRegistry", Map.of(), Map.of(), "MissingParameter", "RegistryId"));
    bad.add(new Bad("DeletePrivateRegistry", Map.of("RegistryId", "abc"), Map.of(), "InvalidParameter", "RegistryId"));
    return bad;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void validationErrorsNameTheParameter(SasClient client) throws Exception {
    for (Bad b : badCalls(client)) {
      assertThatThrownBy(() -> withBody(client, b.action(), b.query(), b.body()))
          .as("%s %s %s", b.action(), b.query(), b.body())
          .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
            assertThat(e.code()).isEqualTo(b.code());
            assertThat(e.getMessage()).contains("\"" + b.parameter() + "\"").doesNotContain(PASSWORD);
          });
    }
    // A second registration of the same DomainName and Port is refused.
    String domain = domain(client, "dup");
    Map<String, Object> p = valid(domain);
    long id = client.call("AddPrivateRegistry", p).path("Data").path("Id").asLong();
    assertThatThrownBy(() -> client.call("AddPrivateRegistry", p))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidParameter");
          assertThat(e.getMessage()).contains("\"DomainName\"");
        });
    client.call("DeletePrivateRegistry", Map.of("RegistryId", String.valueOf(id)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void regionsAndTypeCounts(SasClient client) throws Exception {
    JsonNode zh = client.call("ListImageRegistryRegion", Map.of());
    Map<String, String> names = new HashMap<>();
    zh.path("Regions").forEach(n -> names.put(n.path("RegionId").asString(), n.path("RegionName").asString()));
    assertThat(names).containsEntry("cn-hangzhou", "华东1（杭州）").containsKeys("cn-shanghai", "cn-beijing",
        "cn-shenzhen", "cn-qingdao", "cn-zhangjiakou", "cn-huhehaote", "cn-chengdu", "cn-hongkong", "ap-southeast-1");
    JsonNode en = client.call("ListImageRegistryRegion", Map.of("Lang", "en"));
    assertThat(en.path("Regions")).anySatisfy(n -> {
      assertThat(n.path("RegionId").asString()).isEqualTo("ap-southeast-1");
      assertThat(n.path("RegionName").asString()).isEqualTo("Singapore");
    });
    assertThat(en.path("Regions").path(0).path("RegionId").asString()).isEqualTo("cn-hangzhou");
    assertThat(en.path("Regions").path(0).path("RegionName").asString()).isEqualTo("China (Hangzhou)");

    Map<String, Long> before = typeCounts(client);
    assertThat(before.keySet()).containsExactly("acr", "harbor", "quay", "CI/CD");
    Map<String, Object> p = valid(domain(client, "count"));
    p.put("RegistryType", "CI/CD");
    long id = client.call("AddPrivateRegistry", p).path("Data").path("Id").asLong();
    Map<String, Long> after = typeCounts(client);
    assertThat(after.get("CI/CD")).isEqualTo(before.get("CI/CD") + 1);
    assertThat(after.get("harbor")).isEqualTo(before.get("harbor"));
    client.call("DeletePrivateRegistry", Map.of("RegistryId", String.valueOf(id)));
    assertThat(typeCounts(client)).isEqualTo(before);
  }

  private static Map<String, Long> typeCounts(SasClient client) throws Exception {
    Map<String, Long> out = new LinkedHashMap<>();
    client.call("ListPrivateRegistryType", Map.of("Lang", "en")).path("RegistryTypeInfos")
        .forEach(n -> out.put(n.path("RegistryType").asString(), n.path("Count").asLong()));
    return out;
  }
}
