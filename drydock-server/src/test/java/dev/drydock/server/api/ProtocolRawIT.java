package dev.drydock.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.testing.RawRpc;
import dev.drydock.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The protocol cases no official client can be made to send, as hand-built HTTP/1.1 requests
 * ({@link RawRpc}): an expired timestamp and a replayed nonce (V1 and V3), bodies split into
 * chunks, an Action only in {@code x-acs-action}, missing and malformed common parameters, and
 * the exact wire form of every answer (status, {@code Content-Type}, {@code RequestId}, the error
 * fields). Signatures are computed by the official openapiutil signers; only timestamps, nonces
 * and framing are the test's. Everything the official clients can send is tested through them in
 * {@link ProtocolIT}.
 */
class ProtocolRawIT {

  static final Set<String> ERROR_FIELDS = new TreeSet<>(List.of("RequestId", "HostId", "Code", "Message", "Recommend"));
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

  static RawRpc.Request v1(Instant timestamp, String nonce) {
    return rpc.v1Get("ListImageRisk", Map.of("PageSize", "5"), timestamp, nonce);
  }

  static RawRpc.Request v3(Instant date, String nonce) {
    return rpc.v3("POST", "ListImageRisk", Map.of("PageSize", "5"), "", date, nonce);
  }

  /** Asserts the error wire form: status, JSON content type, exactly the five fields, the code. */
  static JsonNode assertError(RawRpc.Response r, int status, String code) {
    assertThat(r.status()).as("status of %s", new String(r.body())).isEqualTo(status);
    assertThat(r.contentType()).isEqualToIgnoringCase("application/json;charset=utf-8");
    JsonNode body = r.json();
    Set<String> fields = new TreeSet<>();
    body.propertyNames().forEach(fields::add);
    assertThat(fields).isEqualTo(ERROR_FIELDS);
    assertThat(body.path("Code").asString()).isEqualTo(code);
    assertThat(body.path("RequestId").asString()).isNotBlank();
    assertThat(body.path("HostId").asString()).isNotBlank();
    assertThat(body.path("Message").asString()).isNotBlank();
    assertThat(body.path("Recommend").asString()).contains("q=" + code);
    return body;
  }

  static JsonNode assertOk(RawRpc.Response r) {
    assertThat(r.status()).as("answer %s", new String(r.body())).isEqualTo(200);
    assertThat(r.contentType()).isEqualToIgnoringCase("application/json;charset=utf-8");
    JsonNode body = r.json();
    assertThat(body.path("RequestId").asString()).isNotBlank();
    assertThat(body.has("Code")).isFalse();
    return body;
  }

  @Test
  void v1TimestampOutsideFifteenMinutesIsExpired() throws Exception {
    Instant now = RawRpc.now();
    assertError(rpc.send(v1(now.minus(Duration.ofMinutes(16)), RawRpc.nonce())), 400, "InvalidTimeStamp.Expired");
    assertError(rpc.send(v1(now.plus(Duration.ofMinutes(16)), RawRpc.nonce())), 400, "InvalidTimeStamp.Expired");
    assertOk(rpc.send(v1(now.minus(Duration.ofMinutes(14)), RawRpc.nonce())));
    Map<String, String> p = rpc.signV1("GET", "ListImageRisk", Map.of(), now, RawRpc.nonce());
    p.put("Timestamp", "15 January 2026");
    assertError(rpc.send(new RawRpc.Request("GET", RawRpc.form(p), Map.of(), List.of())), 400,
        "InvalidTimeStamp.Format");
  }

  @Test
  void v3DateOutsideFifteenMinutesIsExpired() throws Exception {
    Instant now = RawRpc.now();
    assertError(rpc.send(v3(now.minus(Duration.ofMinutes(16)), RawRpc.nonce())), 400, "InvalidTimeStamp.Expired");
    assertError(rpc.send(v3(now.plus(Duration.ofMinutes(16)), RawRpc.nonce())), 400, "InvalidTimeStamp.Expired");
    assertOk(rpc.send(v3(now.minus(Duration.ofMinutes(14)), RawRpc.nonce())));
  }

  @Test
  void v1ReplayedNonceIsRefused() throws Exception {
    String nonce = RawRpc.nonce();
    RawRpc.Request first = v1(RawRpc.now(), nonce);
    assertOk(rpc.send(first));
    assertError(rpc.send(first), 400, "SignatureNonceUsed");
    // The same nonce under a different, correctly signed request.
    assertError(rpc.send(rpc.v1Get("DescribeImageStatistics", Map.of(), RawRpc.now(), nonce)), 400,
        "SignatureNonceUsed");
  }

  @Test
  void v3ReplayedNonceIsRefused() throws Exception {
    String nonce = RawRpc.nonce();
    RawRpc.Request first = v3(RawRpc.now(), nonce);
    assertOk(rpc.send(first));
    assertError(rpc.send(first), 400, "SignatureNonceUsed");
    assertError(rpc.send(rpc.v3("POST", "DescribeImageStatistics", Map.of(), "", RawRpc.now(), nonce)), 400,
        "SignatureNonceUsed");
  }

  @Test
  void aBadSignatureDoesNotUseUpTheNonce() throws Exception {
    String nonce = RawRpc.nonce();
    Map<String, String> p = rpc.signV1("GET", "ListImageRisk", Map.of("PageSize", "5"), RawRpc.now(), nonce);
    p.put("PageSize", "6"); // changed after signing
    assertError(rpc.send(new RawRpc.Request("GET", RawRpc.form(p), Map.of(), List.of())), 400,
        "SignatureDoesNotMatch");
    assertOk(rpc.send(v1(RawRpc.now(), nonce)));
  }

  @Test
  void chunkedV1FormBodyCutAnywhere() throws Exception {
    // pop-core style: every parameter, Action and Signature included, in the form body.
    Map<String, String> p = rpc.signV1("POST", "ListImageRisk", Map.of("PageSize", "7", "ImageName", "a b/c"),
        RawRpc.now(), RawRpc.nonce());
    String body = RawRpc.form(p);
    int key = body.indexOf("PageSize") + 4;
    int escape = body.indexOf('%') + 1;
    List<byte[]> chunks = RawRpc.chunks(body, Math.min(key, escape), Math.max(key, escape), body.length() - 3);
    assertThat(chunks).hasSize(4);
    JsonNode r = assertOk(rpc.send(new RawRpc.Request("POST", "",
        Map.of("content-type", "application/x-www-form-urlencoded"), chunks)));
    assertThat(r.path("PageInfo").path("PageSize").asInt()).isEqualTo(7);
  }

  @Test
  void chunkedV3FormBodyWithActionOnlyInTheHeader() throws Exception {
    String body = "PageSize=8&ImageName=team%2Fapp";
    RawRpc.Request signed = rpc.v3("POST", "ListImageRisk", Map.of(), body, RawRpc.now(), RawRpc.nonce());
    assertThat(signed.query()).doesNotContain("Action");
    RawRpc.Request chunked = new RawRpc.Request("POST", signed.query(), signed.headers(), RawRpc.chunks(body, 3, 15));
    JsonNode r = assertOk(rpc.send(chunked));
    assertThat(r.path("PageInfo").path("PageSize").asInt()).isEqualTo(8);
    // The body is covered by x-acs-content-sha256: a different one is refused.
    RawRpc.Request tampered = new RawRpc.Request("POST", signed.query(), signed.headers(),
        RawRpc.chunks("PageSize=9&ImageName=team%2Fapp", 3, 15));
    assertError(rpc.send(tampered), 400, "SignatureDoesNotMatch");
  }

  @Test
  void v1ActionOnlyInTheHeader() throws Exception {
    Map<String, String> p = rpc.signV1("GET", null, Map.of("PageSize", "4"), RawRpc.now(), RawRpc.nonce());
    assertThat(p).doesNotContainKey("Action");
    JsonNode r = assertOk(rpc.send(new RawRpc.Request("GET", RawRpc.form(p), Map.of("x-acs-action", "ListImageRisk"),
        List.of())));
    assertThat(r.path("PageInfo").path("PageSize").asInt()).isEqualTo(4);
    Map<String, String> none = rpc.signV1("GET", null, Map.of(), RawRpc.now(), RawRpc.nonce());
    assertError(rpc.send(new RawRpc.Request("GET", RawRpc.form(none), Map.of(), List.of())), 400, "MissingParameter");
  }

  @Test
  void missingCommonParametersAreNamed() throws Exception {
    for (String name : List.of("SignatureNonce", "Timestamp", "AccessKeyId")) {
      Map<String, String> p = rpc.signV1("GET", "ListImageRisk", Map.of(), RawRpc.now(), RawRpc.nonce());
      p.remove(name);
      JsonNode e = assertError(rpc.send(new RawRpc.Request("GET", RawRpc.form(p), Map.of(), List.of())), 400,
          "MissingParameter");
      assertThat(e.path("Message").asString()).contains(name);
    }
    RawRpc.Request noNonce = v3(RawRpc.now(), RawRpc.nonce());
    Map<String, String> h = new LinkedHashMap<>(noNonce.headers());
    h.remove("x-acs-signature-nonce");
    JsonNode e = assertError(rpc.send(new RawRpc.Request("POST", noNonce.query(), h, List.of())), 400,
        "MissingParameter");
    assertThat(e.path("Message").asString()).contains("x-acs-signature-nonce");
  }

  @Test
  void healthAndMetricsStayBesideTheEndpoint() throws Exception {
    assertOk(rpc.send(v1(RawRpc.now(), RawRpc.nonce())));
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://" + server.endpoint();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"UP\"");
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/\"");
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
        .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
  }

  @Test
  void anOverlongNonceIsInvalid() throws Exception {
    JsonNode e = assertError(rpc.send(v1(RawRpc.now(), "n".repeat(129))), 400, "InvalidParameter");
    assertThat(e.path("Message").asString()).contains("SignatureNonce");
    assertOk(rpc.send(v1(RawRpc.now(), "n".repeat(128))));
  }

  @Test
  void malformedParametersAreNamed() throws Exception {
    JsonNode e = assertError(rpc.send(rpc.v1Get("ListImageRisk", Map.of("PageSize", "many"), RawRpc.now(),
        RawRpc.nonce())), 400, "InvalidParameter");
    assertThat(e.path("Message").asString()).contains("PageSize");
    e = assertError(rpc.send(new RawRpc.Request("GET", "Action=ListImageRisk&Bad=%zz", Map.of(), List.of())), 400,
        "InvalidParameter");
    assertThat(e.path("Message").asString()).contains("query");
  }

  /**
   * A failure inside the server is the seed's {@code ServerError}, HTTP 500, in the error wire form
   * and without the cause's detail. The fault is real: a table the operation reads is renamed away
   * for the call (and back afterwards).
   */
  @Test
  void anInternalFailureIsServerError500() throws Exception {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    jdbc.sql("ALTER TABLE image_risk RENAME TO image_risk_away").update();
    JsonNode e;
    try {
      e = assertError(rpc.send(rpc.v1Get("DescribeImageStatistics", Map.of(), RawRpc.now(), RawRpc.nonce())), 500,
          "ServerError");
    } finally {
      jdbc.sql("ALTER TABLE image_risk_away RENAME TO image_risk").update();
    }
    assertThat(e.path("Message").asString()).isEqualTo("ServerError");
    assertOk(rpc.send(rpc.v1Get("DescribeImageStatistics", Map.of(), RawRpc.now(), RawRpc.nonce())));
  }

  @Test
  void everyAnswerIsJsonWithARequestIdAndErrorsHaveTheirStatus() throws Exception {
    Instant now = RawRpc.now();
    assertOk(rpc.send(v1(now, RawRpc.nonce())));
    assertOk(rpc.send(v3(now, RawRpc.nonce())));
    List<String> requestIds = new ArrayList<>();
    requestIds.add(assertError(rpc.send(rpc.v1Get("DescribeNothing", Map.of(), now, RawRpc.nonce())), 404,
        "InvalidApi.NotFound").path("RequestId").asString());
    RawRpc stranger = new RawRpc(server.endpoint(), "LTAI00000000000000000000", "some-secret-0123456789abcdef");
    requestIds.add(assertError(stranger.send(stranger.v1Get("ListImageRisk", Map.of(), now, RawRpc.nonce())), 404,
        "InvalidAccessKeyId.NotFound").path("RequestId").asString());
    RawRpc wrong = new RawRpc(server.endpoint(), server.admin().key().id(), "not-the-secret-0123456789abc");
    requestIds.add(assertError(wrong.send(wrong.v3("POST", "ListImageRisk", Map.of(), "", now, RawRpc.nonce())), 400,
        "SignatureDoesNotMatch").path("RequestId").asString());
    requestIds.add(assertError(rpc.send(new RawRpc.Request("GET", "Action=ListImageRisk&Version=2018-12-03", Map.of(),
        List.of())), 400, "IncompleteSignature").path("RequestId").asString());
    Map<String, String> oldVersion = rpc.signV1("GET", "ListImageRisk", Map.of("Version", "2017-01-01"), now,
        RawRpc.nonce());
    requestIds.add(assertError(rpc.send(new RawRpc.Request("GET", RawRpc.form(oldVersion), Map.of(), List.of())), 400,
        "InvalidVersion").path("RequestId").asString());
    assertThat(requestIds).doesNotHaveDuplicates();
  }
}
