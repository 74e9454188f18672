package dev.drydock.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.server.api.RpcRequestReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signature V3 (ACS3-HMAC-SHA256) on literal requests — raw query string, header lines, body — in
 * the shapes of reference §2.3: tea (signs {@code host}), aliyun-java-sdk-core (no {@code host},
 * {@code Authorization} fields in another order, Action in the query, form body), the Node client
 * (signs {@code x-acs-credentials-provider}). The signatures were computed with an independent
 * implementation of §2.3 (Python's hmac/hashlib) and frozen here.
 */
class SignatureV3Test {

  static final String SECRET = "s3cr3t-Secret-0123456789abcd";
  static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String ACS = """
      x-acs-action: ListImageRisk
      x-acs-version: 2018-12-03
      x-acs-date: 2026-01-15T08:30:00Z
      x-acs-signature-nonce: 0c9d1e2f3a4b5c6d7e8f9a0b1c2d3e4f
      """;
  static final String TEA = "host: 127.0.0.1:8080\n" + ACS + "x-acs-content-sha256: " + EMPTY_SHA256 + "\n"
      + "user-agent: AlibabaCloud (Linux) Java/21 tea-util/0.2.23 TeaDSL/1\n"
      + "authorization: ACS3-HMAC-SHA256 Credential=LTAI5tTestKey00000000000,"
      + "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
      + "Signature=7614b83449b9eacc90eef2f87a1be59b5682b62dc42e046d4496a7afe8bd8402\n";
  static final String SDK_CORE = "host: 127.0.0.1:9999\ncontent-type: application/x-www-form-urlencoded\n" + ACS
      + "x-acs-content-sha256: d4642f5ba3fa484a12e6561bff837b7d6d54776853c681cf3c70745267929a24\n"
      + "authorization: ACS3-HMAC-SHA256 Credential=LTAI5tTestKey00000000000,"
      + "Signature=2cedad458fcce3ba1e83ac4a7bbbae0331b604fcacb24386b14d19ceadfc05df,"
      + "SignedHeaders=content-type;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n";
  static final String NODE = "host: 127.0.0.1:8080\n" + ACS + "x-acs-content-sha256: " + EMPTY_SHA256 + "\n"
      + "x-acs-credentials-provider: static_ak\n"
      + "authorization: ACS3-HMAC-SHA256 Credential=LTAI5tTestKey00000000000,SignedHeaders=host;x-acs-action;"
      + "x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,"
      + "Signature=3e071b26c413c1f2b8cbbdc67079e34ef6370d46b10192bf856e55cb9a9f1f06\n";

  static Stream<Arguments> requests() {
    String teaQuery = "ImageName=team%2Fapp&PageSize=20&AppName=";
    String form = "CurrentPage=1&PageSize=20";
    String coreQuery = "Action=ListImageRisk&Format=JSON&Version=2018-12-03";
    return Stream.of(
        Arguments.of("tea: host signed, empty query value as k=", "POST", teaQuery, TEA, "", true),
        Arguments.of("tea: query parameters in another order", "POST", "AppName=&PageSize=20&ImageName=team%2Fapp", TEA,
            "", true),
        Arguments.of("tea: unsigned header changed", "POST", teaQuery, TEA.replace("Java/21", "Java/25"), "", true),
        Arguments.of("tea: signed header changed", "POST", teaQuery, TEA.replace("08:30:00Z", "08:31:00Z"), "", false),
        Arguments.of("tea: query value changed", "POST", teaQuery.replace("20", "21"), TEA, "", false),
        Arguments.of("tea: method changed", "GET", teaQuery, TEA, "", false),
        Arguments.of("sdk-core: no host, fields reordered, form body", "POST", coreQuery, SDK_CORE, form, true),
        Arguments.of("sdk-core: host is not signed, so it may differ", "POST", coreQuery,
            SDK_CORE.replace("127.0.0.1:9999", "example.test"), form, true),
        Arguments.of("sdk-core: body changed (hash no longer matches)", "POST", coreQuery, SDK_CORE,
            "CurrentPage=2&PageSize=20", false),
        Arguments.of("node: x-acs-credentials-provider signed, %20 in the query", "POST", "ImageName=a%20b", NODE, "",
            true),
        Arguments.of("node: '+' in the query decodes to the same space", "POST", "ImageName=a+b", NODE, "", true),
        Arguments.of("node: signed header dropped", "POST", "ImageName=a%20b",
            NODE.replace("x-acs-credentials-provider: static_ak\n", ""), "", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void verifiesWhatTheClientSent(String name, String method, String query, String headerLines, String body,
      boolean ok) {
    Map<String, String> headers = headers(headerLines);
    SignatureV3.Authorization auth = SignatureV3.parse(headers.get("authorization")).orElseThrow();
    assertThat(auth.accessKeyId()).isEqualTo("LTAI5tTestKey00000000000");
    String bodyHash = SignatureV3.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
    boolean hashOk = bodyHash.equals(headers.get("x-acs-content-sha256"));
    String canonical = SignatureV3.canonicalRequest(method, RpcRequestReader.parseForm(query, "query"),
        auth.signedHeaders(), headers::get, bodyHash);
    assertThat(hashOk && SignatureV3.matches(SignatureV3.stringToSign(canonical), SECRET, auth.signature()))
        .isEqualTo(ok);
  }

  @Test
  void malformedAuthorizationIsRefused() {
    assertThat(SignatureV3.parse("ACS3-HMAC-SHA256 Credential=k,SignedHeaders=host")).isEmpty();
    assertThat(SignatureV3.parse("ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=ab")).isEmpty();
    assertThat(SignatureV3.parse("HMAC-SHA1 Credential=k,SignedHeaders=host,Signature=ab")).isEmpty();
    assertThat(SignatureV3.parse(null)).isEmpty();
  }

  @Test
  void emptyBodyHash() {
    assertThat(SignatureV3.sha256Hex(new byte[0])).isEqualTo(EMPTY_SHA256);
  }

  private static Map<String, String> headers(String lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines.split("\n")) {
      int colon = line.indexOf(':');
      out.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    return out;
  }
}
