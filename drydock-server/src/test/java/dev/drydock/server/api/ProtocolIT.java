package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.server.testing.SasClient;
import dev.drydock.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The RPC protocol through every official client, unchanged: aliyun-java-sdk-core (V1 GET, V1
 * POST, V3) and tea-openapi (V3 — Action only in {@code x-acs-action}, POST bodies chunked by
 * OkHttp — and V1 with signatureAlgorithm "v2"). What no client can be made to send (an old
 * timestamp, a reused nonce, chosen chunking) is in {@link ProtocolRawIT}.
 */
class ProtocolIT {

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

  static Stream<SasClient> wrongSecret() {
    return server.clients(server.admin().key().id(), "not-the-secret-0123456789abcd").stream();
  }

  static Stream<SasClient> unknownKey() {
    return server.clients("LTAI00000000000000000000", "whatever-secret-0123456789ab").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void signedCallsSucceed(SasClient client) throws Exception {
    JsonNode r = client.call("DescribeImageStatistics", Map.of());
    assertThat(r.path("RequestId").asString()).isNotBlank();
    assertThat(r.has("InstanceCount")).isTrue();
    assertThat(r.has("Code")).as("no top-level Code in a success body").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongSecret")
  void wrongSecretIsSignatureDoesNotMatch(SasClient client) {
    assertThatThrownBy(() -> client.call("DescribeImageStatistics", Map.of()))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> assertThat(e.code()).isIn("SignatureDoesNotMatch",
            "SDK.InvalidAccessKeySecret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownKey")
  void unknownKeyIsNotFound(SasClient client) {
    assertThatThrownBy(() -> client.call("DescribeImageStatistics", Map.of()))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> assertThat(e.code()).isEqualTo("InvalidAccessKeyId.NotFound"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void unknownActionAndVersion(SasClient client) {
    assertThatThrownBy(() -> client.call("DescribeNothingAtAll", Map.of()))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> assertThat(e.code()).isEqualTo("InvalidApi.NotFound"));
    assertThatThrownBy(() -> client.call("2017-01-01", "DescribeImageStatistics", Map.of(), Map.of()))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> assertThat(e.code()).isEqualTo("InvalidVersion"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void listsAndSpacesSurviveSigning(SasClient client) throws Exception {
    // A space, a plus, a tilde, a star and non-ASCII in values, and a Name.N list.
    JsonNode r = client.call("DescribeImageStatistics", Map.of("Note", "a b+c~d*e ä", "Tags", List.of("x y", "z")));
    assertThat(r.has("InstanceCount")).isTrue();
  }

  /**
   * Java tea sends an unset optional parameter as {@code Name=}: empty values are absent, so the
   * operation's defaults apply (PageSize 20, CurrentPage 1); a required one sent empty is missing.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void emptyValuesAreAbsent(SasClient client) throws Exception {
    JsonNode r = client.call("ListImageRisk", Map.of("CurrentPage", "", "PageSize", "", "ImageName", "",
        "ClusterId", "", "Namespace", "", "AppName", ""));
    assertThat(r.path("PageInfo").path("PageSize").asInt()).isEqualTo(20);
    assertThat(r.path("PageInfo").path("CurrentPage").asInt()).isEqualTo(1);
    JsonNode vul = client.call("DescribeImageVulList", Map.of("Type", "cve", "PageSize", "", "Lang", ""));
    assertThat(vul.path("PageSize").asInt()).as("DescribeImageVulList's own default").isEqualTo(10);
    assertThatThrownBy(() -> client.call("DescribeImageVulList", Map.of("Type", "")))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("MissingParameter");
          assertThat(e.getMessage()).contains("Type");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void missingParameterIsNamed(SasClient client) {
    assertThatThrownBy(() -> client.call("DescribeImageInfoList", Map.of()))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("MissingParameter");
          assertThat(e.getMessage()).contains("Uuids");
        });
    assertThatThrownBy(() -> client.call("DeletePrivateRegistry", Map.of()))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("MissingParameter");
          assertThat(e.getMessage()).contains("RegistryId");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void malformedParameterIsNamed(SasClient client) {
    assertThatThrownBy(() -> client.call("DeletePrivateRegistry", Map.of("RegistryId", "seven")))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidParameter");
          assertThat(e.getMessage()).contains("RegistryId");
        });
    assertThatThrownBy(() -> client.call("DescribeImageInstances", Map.of("Criteria", "[{\"name\":")))
        .isInstanceOfSatisfying(SasClient.ApiError.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidParameter");
          assertThat(e.getMessage()).contains("Criteria");
        });
  }
}
