package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.drydock.server.testing.JsonShape.BOOL;
import static dev.drydock.server.testing.JsonShape.INT;
import static dev.drydock.server.testing.JsonShape.STR;
import static dev.drydock.server.testing.JsonShape.arr;
import static dev.drydock.server.testing.JsonShape.obj;
import static dev.drydock.server.testing.JsonShape.strings;

import dev.drydock.server.testing.JsonShape;
import dev.drydock.server.testing.JsonShape.Obj;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.SasShapes;
import dev.drydock.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * RAM's own operations (version 2015-05-01) through every official client: the answer shapes of
 * RAM's SDK models ({@code User}, {@code Users.User[]}, {@code AccessKey}, {@code AccessKeys.AccessKey[]},
 * {@code Policy}, {@code DefaultPolicyVersion}, {@code Policies.Policy[]}), paging with
 * {@code Marker}/{@code MaxItems}, and RAM's error codes for conflicts and missing entities.
 */
class RamApiIT {

  static final String RAM = "2015-05-01";
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<SasClient> clients() {
    return server.adminClients().stream();
  }

  static final Obj USER = obj("UserId", STR, "UserName", STR, "DisplayName", STR, "MobilePhone?", STR, "Email?", STR,
      "Comments?", STR, "CreateDate", STR, "UpdateDate?", STR, "LastLoginDate?", STR);
  static final Obj POLICY = obj("PolicyName", STR, "PolicyType", STR, "Description?", STR, "DefaultVersion", STR,
      "CreateDate", STR, "UpdateDate?", STR, "AttachmentCount?", INT);
  /** RAM's answer shapes (RAM 2015-05-01 SDK models): lists wrapped as {@code Users.User[]} and the like. */
  static final Map<String, JsonShape> SHAPES = Map.ofEntries(
      Map.entry("CreateUser", obj("RequestId", STR, "User", USER)),
      Map.entry("GetUser", obj("RequestId", STR, "User", USER)),
      Map.entry("ListUsers", obj("RequestId", STR, "IsTruncated", BOOL, "Marker?", STR, "Users",
          obj("User", arr(USER)))),
      Map.entry("CreateAccessKey", obj("RequestId", STR, "AccessKey", strings("AccessKeyId", "AccessKeySecret",
          "Status", "CreateDate"))),
      Map.entry("ListAccessKeys", obj("RequestId", STR, "AccessKeys", obj("AccessKey",
          arr(strings("AccessKeyId", "Status", "CreateDate"))))),
      Map.entry("CreatePolicy", obj("RequestId", STR, "Policy", POLICY)),
      Map.entry("GetPolicy", obj("RequestId", STR, "Policy", POLICY.with("PolicyDocument?", STR),
          "DefaultPolicyVersion", obj("VersionId", STR, "IsDefaultVersion", BOOL, "PolicyDocument", STR,
              "CreateDate", STR))),
      Map.entry("ListPolicies", obj("RequestId", STR, "IsTruncated", BOOL, "Marker?", STR, "Policies",
          obj("Policy", arr(POLICY)))),
      Map.entry("ListPoliciesForUser", obj("RequestId", STR, "Policies", obj("Policy", arr(obj("PolicyName", STR,
          "PolicyType", STR, "Description?", STR, "DefaultVersion", STR, "AttachDate", STR))))));
  /** The operations that answer nothing but their RequestId. */
  static final JsonShape EMPTY = obj("RequestId", STR);

  /** Calls a RAM operation and checks its answer against {@link #SHAPES} (or {@link #EMPTY}). */
  static JsonNode call(SasClient c, String action, Map<String, Object> query) throws SasClient.ApiError {
    JsonNode r = c.call(RAM, action, query, Map.of());
    assertThat(SasShapes.mismatches(r, SHAPES.getOrDefault(action, EMPTY))).as("%s through %s: %s", action, c.name(), r)
        .isEmpty();
    return r;
  }

  static String code(SasClient c, String action, Map<String, Object> query) {
    try {
      c.call(RAM, action, query, Map.of());
    } catch (SasClient.ApiError e) {
      return e.code();
    }
    throw new AssertionError(action + " succeeded");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void usersKeysAndPolicies(SasClient c) throws Exception {
    String tag = Integer.toHexString(c.name().hashCode());
    String user = "u-" + tag;
    JsonNode created = call(c, "CreateUser", Map.of("UserName", user, "Comments", "made by " + c.name()));
    assertThat(created.path("RequestId").asString()).isNotBlank();
    JsonNode u = created.path("User");
    assertThat(u.path("UserName").asString()).isEqualTo(user);
    assertThat(u.path("DisplayName").asString()).isEqualTo(user);
    assertThat(u.path("Comments").asString()).isEqualTo("made by " + c.name());
    assertThat(u.path("UserId").asString()).matches("\\d{12}");
    assertThat(u.path("CreateDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(code(c, "CreateUser", Map.of("UserName", user))).isEqualTo("EntityAlreadyExists.User");
    assertThat(code(c, "CreateUser", Map.of("UserName", "bad name"))).isEqualTo("InvalidParameter");
    assertThat(call(c, "GetUser", Map.of("UserName", user)).path("User").path("UserId").asString())
        .isEqualTo(u.path("UserId").asString());
    assertThat(code(c, "GetUser", Map.of("UserName", "nobody-" + tag))).isEqualTo("EntityNotExist.User");

    JsonNode key = call(c, "CreateAccessKey", Map.of("UserName", user)).path("AccessKey");
    assertThat(key.path("AccessKeyId").asString()).startsWith("LTAI");
    assertThat(key.path("AccessKeySecret").asString()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(key.path("Status").asString()).isEqualTo("Active");
    JsonNode keys = call(c, "ListAccessKeys", Map.of("UserName", user)).path("AccessKeys").path("AccessKey");
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.get(0).path("AccessKeyId").asString()).isEqualTo(key.path("AccessKeyId").asString());
    assertThat(keys.get(0).has("AccessKeySecret")).isFalse();
    assertThat(code(c, "UpdateAccessKey", Map.of("UserName", user, "UserAccessKeyId", "LTAInotmine", "Status",
        "Inactive"))).isEqualTo("EntityNotExist.User.AccessKey");
    assertThat(code(c, "UpdateAccessKey", Map.of("UserName", user, "UserAccessKeyId", key.path("AccessKeyId").asString(),
        "Status", "Paused"))).isEqualTo("InvalidParameter");
    call(c, "UpdateAccessKey", Map.of("UserName", user, "UserAccessKeyId", key.path("AccessKeyId").asString(),
        "Status", "Inactive"));
    assertThat(call(c, "ListAccessKeys", Map.of("UserName", user)).path("AccessKeys").path("AccessKey").get(0)
        .path("Status").asString()).isEqualTo("Inactive");

    String policy = "p-" + tag;
    String doc = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"yundun-sas:Describe*\",\"Resource\":\"*\"}]}";
    JsonNode p = call(c, "CreatePolicy", Map.of("PolicyName", policy, "PolicyDocument", doc, "Description", "d"))
        .path("Policy");
    assertThat(p.path("PolicyType").asString()).isEqualTo("Custom");
    assertThat(p.path("DefaultVersion").asString()).isEqualTo("v1");
    assertThat(code(c, "CreatePolicy", Map.of("PolicyName", policy, "PolicyDocument", doc)))
        .isEqualTo("EntityAlreadyExists.Policy");
    assertThat(code(c, "CreatePolicy", Map.of("PolicyName", policy + "-x", "PolicyDocument",
        doc.replace("\"Allow\"", "\"allow\"")))).isEqualTo("MalformedPolicyDocument");
    JsonNode got = call(c, "GetPolicy", Map.of("PolicyName", policy, "PolicyType", "Custom"));
    assertThat(got.path("DefaultPolicyVersion").path("PolicyDocument").asString()).isEqualTo(doc);
    assertThat(got.path("DefaultPolicyVersion").path("IsDefaultVersion").asBoolean()).isTrue();
    assertThat(got.path("Policy").path("AttachmentCount").asInt()).isZero();
    assertThat(code(c, "GetPolicy", Map.of("PolicyName", policy, "PolicyType", "System"))).isEqualTo("EntityNotExist.Policy");

    call(c, "AttachPolicyToUser", Map.of("PolicyType", "Custom", "PolicyName", policy, "UserName", user));
    call(c, "AttachPolicyToUser", Map.of("PolicyType", "System", "PolicyName", "AliyunYundunSASReadOnlyAccess",
        "UserName", user));
    assertThat(code(c, "AttachPolicyToUser", Map.of("PolicyType", "Custom", "PolicyName", policy, "UserName", user)))
        .isEqualTo("EntityAlreadyExists.User.Policy");
    assertThat(code(c, "AttachPolicyToUser", Map.of("PolicyType", "Custom", "PolicyName", "none-" + tag, "UserName",
        user))).isEqualTo("EntityNotExist.Policy");
    JsonNode attached = call(c, "ListPoliciesForUser", Map.of("UserName", user)).path("Policies")
        .path("Policy");
    assertThat(attached.size()).isEqualTo(2);
    assertThat(attached.get(0).path("PolicyName").asString()).isEqualTo(policy);
    assertThat(attached.get(0).path("AttachDate").asString()).isNotBlank();
    assertThat(call(c, "GetPolicy", Map.of("PolicyName", policy, "PolicyType", "Custom")).path("Policy")
        .path("AttachmentCount").asInt()).isEqualTo(1);

    assertThat(code(c, "DeletePolicy", Map.of("PolicyName", policy))).isEqualTo("DeleteConflict.Policy.User");
    assertThat(code(c, "DeleteUser", Map.of("UserName", user))).isEqualTo("DeleteConflict.User.AccessKey");
    call(c, "DeleteAccessKey", Map.of("UserName", user, "UserAccessKeyId", key.path("AccessKeyId").asString()));
    assertThat(code(c, "DeleteUser", Map.of("UserName", user))).isEqualTo("DeleteConflict.User.Policy");
    call(c, "DetachPolicyFromUser", Map.of("PolicyType", "Custom", "PolicyName", policy, "UserName", user));
    call(c, "DetachPolicyFromUser", Map.of("PolicyType", "System", "PolicyName", "AliyunYundunSASReadOnlyAccess",
        "UserName", user));
    assertThat(code(c, "DetachPolicyFromUser", Map.of("PolicyType", "Custom", "PolicyName", policy, "UserName", user)))
        .isEqualTo("EntityNotExist.User.Policy");
    call(c, "DeletePolicy", Map.of("PolicyName", policy));
    call(c, "DeleteUser", Map.of("UserName", user));
    assertThat(code(c, "GetUser", Map.of("UserName", user))).isEqualTo("EntityNotExist.User");
    assertThat(code(c, "DeletePolicy", Map.of("PolicyName", "AliyunRAMFullAccess"))).isEqualTo("EntityNotExist.Policy");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void listsPageWithMarker(SasClient c) throws Exception {
    JsonNode system = call(c, "ListPolicies", Map.of("PolicyType", "System"));
    List<String> names = new ArrayList<>();
    system.path("Policies").path("Policy").forEach(p -> names.add(p.path("PolicyName").asString()));
    assertThat(names).contains("AliyunYundunSASFullAccess", "AliyunYundunSASReadOnlyAccess", "AliyunRAMFullAccess",
        "AliyunRAMReadOnlyAccess");
    assertThat(system.path("IsTruncated").asBoolean()).isFalse();

    List<String> paged = new ArrayList<>();
    String marker = null;
    for (int guard = 0; guard < 20; guard++) {
      Map<String, Object> q = marker == null ? Map.of("MaxItems", "1") : Map.of("MaxItems", "1", "Marker", marker);
      JsonNode page = call(c, "ListUsers", q);
      page.path("Users").path("User").forEach(u -> paged.add(u.path("UserName").asString()));
      if (!page.path("IsTruncated").asBoolean()) {
        break;
      }
      marker = page.path("Marker").asString();
    }
    List<String> all = new ArrayList<>();
    call(c, "ListUsers", Map.of()).path("Users").path("User")
        .forEach(u -> all.add(u.path("UserName").asString()));
    assertThat(paged).containsExactlyElementsOf(all).contains("administrator");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void ramAdministratorsCannotTakeOverAdministrators(SasClient c) throws Exception {
    String tag = Integer.toHexString(c.name().hashCode());
    String user = "ramadmin-" + tag;
    c.call(RAM, "CreateUser", Map.of("UserName", user), Map.of());
    c.call(RAM, "AttachPolicyToUser", Map.of("PolicyType", "System", "PolicyName", "AliyunRAMFullAccess", "UserName",
        user), Map.of());
    JsonNode key = c.call(RAM, "CreateAccessKey", Map.of("UserName", user), Map.of()).path("AccessKey");
    SasClient ramAdmin = server.clients(key.path("AccessKeyId").asString(), key.path("AccessKeySecret").asString()).get(0);
    // It administers ordinary users...
    ramAdmin.call(RAM, "CreateUser", Map.of("UserName", "made-by-" + tag), Map.of());
    // ...but not administrators, and it may not use Security Center.
    assertThat(code(ramAdmin, "CreateAccessKey", Map.of("UserName", "administrator"))).isEqualTo("NoPermission");
    assertThat(code(ramAdmin, "DetachPolicyFromUser", Map.of("PolicyType", "System", "PolicyName",
        "AliyunRAMFullAccess", "UserName", "administrator"))).isEqualTo("NoPermission");
    try {
      ramAdmin.call("DescribeImageStatistics", Map.of());
      throw new AssertionError("a RAM administrator used Security Center");
    } catch (SasClient.ApiError e) {
      assertThat(e.code()).isEqualTo("NoPermission");
    }
  }
}
