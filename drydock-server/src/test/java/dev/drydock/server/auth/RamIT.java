package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.server.audit.AuditFilter;
import dev.drydock.server.audit.AuditQuery;
import dev.drydock.server.audit.AuditRecord;
import dev.drydock.server.audit.AuditTrail;
import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * RAM end to end through the official clients, unchanged: an administrator creates users,
 * policies and keys with RAM's own API (version 2015-05-01); a read-only key reads and is
 * refused writes (NoPermission, 403, nothing created); an {@code acs:SourceIp} condition refuses
 * loopback; an inactive key is refused; and the audit trail holds every call and no secret, nor
 * do the logs. Background registry syncs are off ({@code drydock.background.enabled=false}).
 *
 * <p>The read calls are DescribeImageStatistics and ListPrivateRegistryList and the refused write
 * is AddPrivateRegistry: ListImageRisk and PublicCreateImageScanTask were not on main when this
 * was written (they are built on other branches); RAM authorises every Action the same way.
 */
@ExtendWith(OutputCaptureExtension.class)
class RamIT {

  static final String RAM = "2015-05-01";
  static final String SAS = "2018-12-03";
  static final String REGISTRY_PASSWORD = "Reg1stry-P@ss-7731";
  static final String READ_ONLY = """
      {"Version":"1","Statement":[{"Effect":"Allow",
        "Action":["yundun-sas:Describe*","yundun-sas:List*","yundun-sas:Get*","yundun-sas:PublicPreCheck*"],
        "Resource":"*"}]}""";

  static TestServer server;
  static SasClient admin;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("drydock.background.enabled", "false");
    server = TestServer.start();
    admin = server.adminClients().get(1);
  }

  @AfterAll
  static void stop() {
    System.clearProperty("drydock.background.enabled");
    server.close();
  }

  static JsonNode ram(SasClient c, String action, Map<String, Object> query) throws SasClient.ApiError {
    return c.call(RAM, action, query, Map.of());
  }

  static SasClient.ApiError refused(SasClient c, String version, String action, Map<String, Object> query) {
    try {
      c.call(version, action, query, Map.of());
    } catch (SasClient.ApiError e) {
      return e;
    }
    throw new AssertionError(action + " was not refused");
  }

  /** A user with one policy attached and one key, created by the administrator through RAM's API. */
  record Member(String userName, String keyId, String secret) {
    List<SasClient> clients() {
      return server.clients(keyId, secret);
    }
  }

  static Member member(String userName, String policyName, String document) throws SasClient.ApiError {
    ram(admin, "CreateUser", Map.of("UserName", userName, "DisplayName", userName + " (test)"));
    ram(admin, "CreatePolicy", Map.of("PolicyName", policyName, "PolicyDocument", document));
    ram(admin, "AttachPolicyToUser", Map.of("PolicyType", "Custom", "PolicyName", policyName, "UserName", userName));
    JsonNode key = ram(admin, "CreateAccessKey", Map.of("UserName", userName)).path("AccessKey");
    return new Member(userName, key.path("AccessKeyId").asString(), key.path("AccessKeySecret").asString());
  }

  static Map<String, Object> registry(String domain) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("DomainName", domain);
    p.put("NetType", "1");
    p.put("Password", REGISTRY_PASSWORD);
    p.put("ProtocolType", "2");
    p.put("RegistryHostIp", "10.0.0.5");
    p.put("RegistryRegionId", "cn-shanghai");
    p.put("RegistryType", "harbor");
    p.put("RegistryVersion", "V2");
    p.put("UserName", "robot");
    return p;
  }

  static int registryCount() throws SasClient.ApiError {
    return admin.call("ListPrivateRegistryList", Map.of()).path("ImageRegistryInfos").size();
  }

  static Member dashboard;

  static Stream<SasClient> dashboardClients() throws SasClient.ApiError {
    if (dashboard == null) {
      dashboard = member("dashboard", "sas-read-only", READ_ONLY);
    }
    return dashboard.clients().stream();
  }

  /** The read-only system policy covers the cluster reads (List*, Describe*), not registration or removal. */
  @Test
  void readOnlySystemPolicyReadsClustersAndMayNotChangeThem() throws Exception {
    ram(admin, "CreateUser", Map.of("UserName", "cluster-viewer"));
    ram(admin, "AttachPolicyToUser", Map.of("PolicyType", "System", "PolicyName", "AliyunYundunSASReadOnlyAccess",
        "UserName", "cluster-viewer"));
    JsonNode key = ram(admin, "CreateAccessKey", Map.of("UserName", "cluster-viewer")).path("AccessKey");
    SasClient viewer = server.clients(key.path("AccessKeyId").asString(), key.path("AccessKeySecret").asString())
        .get(3);
    assertThat(viewer.call("ListKubernetesClusters", Map.of()).has("Clusters")).isTrue();
    assertThat(viewer.call("DescribeGroupedContainerInstances", Map.of("GroupField", "namespace")).has("PageInfo"))
        .isTrue();
    assertThat(refused(viewer, SAS, "AddKubernetesCluster", Map.of("ClusterName", "x", "ApiServerUrl",
        "https://10.0.0.1:6443", "Token", "t")).code()).isEqualTo("NoPermission");
    assertThat(refused(viewer, SAS, "DeleteKubernetesCluster", Map.of("ClusterId", "c0")).code())
        .isEqualTo("NoPermission");
    assertThat(admin.call("ListKubernetesClusters", Map.of()).path("Clusters")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboardClients")
  void readOnlyKeyReadsAndIsRefusedWrites(SasClient client) throws Exception {
    assertThat(client.call("DescribeImageStatistics", Map.of()).has("InstanceCount")).isTrue();
    assertThat(client.call("ListPrivateRegistryList", Map.of()).has("ImageRegistryInfos")).isTrue();
    int before = registryCount();
    SasClient.ApiError e = refused(client, SAS, "AddPrivateRegistry", registry("ro-" + Math.abs(client.name().hashCode())
        + ".drydock.test"));
    assertThat(e.code()).isEqualTo("NoPermission");
    if (client.name().startsWith("tea")) {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.getMessage()).contains("caller has no permission");
    }
    assertThat(registryCount()).as("a refused call changes nothing").isEqualTo(before);
    // RAM's own operations are authorised too: the read-only key may not administer RAM.
    assertThat(refused(client, RAM, "CreateUser", Map.of("UserName", "intruder")).code()).isEqualTo("NoPermission");
    assertThat(refused(client, RAM, "ListUsers", Map.of()).code()).isEqualTo("NoPermission");
  }

  @Test
  void sourceIpConditionRefusesOtherAddresses() throws Exception {
    Member office = member("office", "office-only", """
        {"Version":"1","Statement":[{"Effect":"Allow","Action":"yundun-sas:*","Resource":"*",
          "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}""");
    for (SasClient c : office.clients()) {
      assertThat(refused(c, SAS, "DescribeImageStatistics", Map.of()).code()).as(c.name()).isEqualTo("NoPermission");
    }
    Member loopback = member("loopback", "loopback-only", """
        {"Version":"1","Statement":[{"Effect":"Allow","Action":"yundun-sas:*","Resource":"*",
          "Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","127.0.0.0/8"]},"Bool":{"acs:SecureTransport":"false"}}}]}""");
    assertThat(loopback.clients().get(0).call("DescribeImageStatistics", Map.of()).has("InstanceCount")).isTrue();
  }

  @Test
  void inactiveKeyIsRefused() throws Exception {
    Member m = member("rotating", "rotating-read", READ_ONLY);
    SasClient c = m.clients().get(0);
    c.call("DescribeImageStatistics", Map.of());
    ram(admin, "UpdateAccessKey", Map.of("UserName", m.userName(), "UserAccessKeyId", m.keyId(), "Status", "Inactive"));
    assertThat(ram(admin, "ListAccessKeys", Map.of("UserName", m.userName())).path("AccessKeys").path("AccessKey")
        .get(0).path("Status").asString()).isEqualTo("Inactive");
    for (SasClient each : m.clients()) {
      assertThat(refused(each, SAS, "DescribeImageStatistics", Map.of()).code()).isEqualTo("InvalidAccessKeyId.Inactive");
    }
    ram(admin, "UpdateAccessKey", Map.of("UserName", m.userName(), "UserAccessKeyId", m.keyId(), "Status", "Active"));
    assertThat(c.call("DescribeImageStatistics", Map.of()).has("InstanceCount")).isTrue();
  }

  @Test
  void auditHoldsEveryCallAndNoSecret(CapturedOutput output) throws Exception {
    AuditTrail trail = server.bean(AuditTrail.class);
    assertThat(trail.flush(Duration.ofSeconds(30))).isTrue();
    long before = count(AuditFilter.all());
    Member ci = member("ci-audit", "ci-scan", """
        {"Version":"1","Statement":[{"Effect":"Allow","Action":"yundun-sas:Describe*","Resource":"*"}]}""");
    List<String> expected = new ArrayList<>(List.of("CreateUser OK", "CreatePolicy OK", "AttachPolicyToUser OK",
        "CreateAccessKey OK"));
    SasClient c = ci.clients().get(0);
    c.call("DescribeImageStatistics", Map.of());
    expected.add("DescribeImageStatistics OK");
    refused(c, SAS, "AddPrivateRegistry", registry("audit.drydock.test"));
    expected.add("AddPrivateRegistry NoPermission");
    admin.call(SAS, "AddPrivateRegistry", registry("audit-admin.drydock.test"), Map.of());
    expected.add("AddPrivateRegistry OK");
    refused(admin, RAM, "CreatePolicy", Map.of("PolicyName", "broken", "PolicyDocument", "{\"Version\":\"1\"}"));
    expected.add("CreatePolicy MalformedPolicyDocument");
    refused(admin, RAM, "GetUser", Map.of("UserName", "nobody"));
    expected.add("GetUser EntityNotExist.User");
    refused(server.clients(ci.keyId(), "wrong-secret-000000000000000").get(0), SAS, "DescribeImageStatistics", Map.of());
    expected.add("DescribeImageStatistics SignatureDoesNotMatch");
    assertThat(trail.flush(Duration.ofSeconds(30))).isTrue();

    List<AuditRecord> rows = new ArrayList<>();
    server.bean(AuditQuery.class).forEach(AuditFilter.all(), rows::add);
    List<AuditRecord> mine = rows.subList((int) before, rows.size());
    assertThat(mine).extracting(r -> r.action() + " " + r.code()).containsExactlyElementsOf(expected);
    AuditRecord denied = mine.get(5);
    assertThat(denied.accessKeyId()).isEqualTo(ci.keyId());
    assertThat(denied.userName()).isEqualTo("ci-audit");
    assertThat(denied.httpStatus()).isEqualTo(403);
    assertThat(denied.sourceIp()).isEqualTo("127.0.0.1");
    assertThat(denied.apiVersion()).isEqualTo(SAS);
    assertThat(denied.params()).contains("\"DomainName\":\"audit.drydock.test\"").contains("\"Password\":\"******\"");
    AuditRecord unauthenticated = mine.get(mine.size() - 1);
    assertThat(unauthenticated.accessKeyId()).as("the key a refused request named").isEqualTo(ci.keyId());
    assertThat(unauthenticated.userName()).isNull();
    assertThat(mine).allSatisfy(r -> {
      assertThat(r.requestId()).isNotBlank();
      assertThat(r.latencyMicros()).isPositive();
    });

    List<String> secrets = List.of(ci.secret(), REGISTRY_PASSWORD, server.admin().secret());
    for (AuditRecord r : rows) {
      for (String s : secrets) {
        assertThat(r.toString()).doesNotContain(s);
      }
    }
    org.slf4j.LoggerFactory.getLogger(RamIT.class).warn("log capture check {}", ci.keyId());
    assertThat(output.getAll()).as("the server's log output is captured").contains("log capture check " + ci.keyId());
    for (String s : secrets) {
      assertThat(output.getAll()).doesNotContain(s);
    }
    // The filters the CLI offers.
    assertThat(count(new AuditFilter(java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.of(ci.keyId()), java.util.Optional.empty(), java.util.Optional.of("AddPrivate*"),
        java.util.Optional.of("NoPermission"), 100))).isEqualTo(1);
  }

  static long count(AuditFilter f) {
    long[] n = {0};
    server.bean(AuditQuery.class).forEach(f, r -> n[0]++);
    return n[0];
  }
}
