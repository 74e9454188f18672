package dev.drydock.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the audit trail keeps of a call's parameters. */
class AuditMaskingTest {

  @Test
  void masksSecretsAndDropsSigningParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("Action", "AddPrivateRegistry");
    p.put("Version", "2018-12-03");
    p.put("AccessKeyId", "LTAIexample");
    p.put("Signature", "c2lnbmF0dXJl");
    p.put("SignatureNonce", "n-1");
    p.put("Timestamp", "2026-01-01T00:00:00Z");
    p.put("DomainName", "registry.example.com");
    p.put("Password", "hunter2");
    p.put("ExtraParam", "[{\"namespace\":\"ns\",\"authToken\":\"tok-1\"}]");
    p.put("AccessKeySecret", "abc");
    p.put("SecurityToken", "sts");
    p.put("Passwords.1", "list-secret");
    p.put("client_secret", "s");
    String json = AuditMasking.maskedJson(p);
    assertThat(json).isEqualTo("{\"AccessKeySecret\":\"******\",\"DomainName\":\"registry.example.com\","
        + "\"ExtraParam\":\"******\",\"Password\":\"******\",\"Passwords.1\":\"******\",\"SecurityToken\":\"******\","
        + "\"client_secret\":\"******\"}");
  }

  @Test
  void masksClusterCredentials() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ClusterName", "prod");
    p.put("ApiServerUrl", "https://10.0.0.1:6443");
    p.put("Token", "eyJhbGciOi");
    p.put("KubeConfig", "apiVersion: v1\nusers:\n- user:\n    client-key-data: LS0tLS1CRUdJTg==\n");
    p.put("CaCert", "-----BEGIN CERTIFICATE-----");
    assertThat(AuditMasking.maskedJson(p)).isEqualTo("{\"ApiServerUrl\":\"https://10.0.0.1:6443\","
        + "\"CaCert\":\"-----BEGIN CERTIFICATE-----\",\"ClusterName\":\"prod\",\"KubeConfig\":\"******\","
        + "\"Token\":\"******\"}");
  }

  @Test
  void masksCredentialsInUrlsUnderAnyName() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("ApiServerUrl", "https://admin:hunter2@10.0.0.1:6443/");
    p.put("Note", "see http://u:p@a.example/x and ftp://b.example/, https://tok@c.example");
    assertThat(AuditMasking.maskedJson(p)).isEqualTo("{\"ApiServerUrl\":\"https://******@10.0.0.1:6443/\","
        + "\"Note\":\"see http://******@a.example/x and ftp://b.example/, https://******@c.example\"}");
  }

  @Test
  void urlCredentialsAreMaskedInAnyText() {
    assertThat(AuditMasking.maskUrlCredentials("no url here")).isEqualTo("no url here");
    assertThat(AuditMasking.maskUrlCredentials("https://@host/")).isEqualTo("https://@host/");
    assertThat(AuditMasking.maskUrlCredentials("\"https://user:pa%40ss@host\"")).isEqualTo("\"https://******@host\"");
  }

  @Test
  void keepsAHundredParametersAtMost() {
    Map<String, String> p = new java.util.HashMap<>();
    for (int i = 0; i < 5000; i++) {
      p.put(String.format("P%04d", i), "v");
    }
    p.put("Password", "hunter2");
    String json = AuditMasking.maskedJson(p);
    assertThat(json).startsWith("{\"P0000\":\"v\"").contains("\"P0099\":\"v\"").doesNotContain("P0100")
        .endsWith(",\"…\":\"4901 more parameters\"}").hasSizeLessThan(2000);
    assertThat(json).doesNotContain("hunter2");
  }

  @Test
  void cutsLongValues() {
    String json = AuditMasking.maskedJson(Map.of("PolicyDocument", "x".repeat(5000)));
    assertThat(json).contains("…(5000 chars)").hasSizeLessThan(1100);
  }
}
