package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The realm alone, over HTTP; its interplay with a real registry is proven in {@link RegistryProcessIT}. */
class TokenRealmTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(TokenRealm.Algorithm.class)
  void issuesSignedTokenGrantingExactlyTheScope(TokenRealm.Algorithm algorithm) throws Exception {
    try (TokenRealm realm = TokenRealm.builder().algorithm(algorithm).user("u", "p").service("svc").issuer("iss").start()) {
      assertThat(realm.realmUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/token");
      assertThat(Files.readString(realm.rootCertBundle())).startsWith("-----BEGIN CERTIFICATE-----\n");

      HttpResponse<String> r = get(realm, "service=svc&scope=repository:team/app:pull,push&scope=repository:base:pull",
          new Credentials("u", "p"));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("expires_in").asInt()).isEqualTo(300);
      String jwt = body.path("token").asText();
      assertThat(body.path("access_token").asText()).isEqualTo(jwt);

      String[] parts = jwt.split("\\.");
      assertThat(parts).hasSize(3);
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      assertThat(header.path("alg").asText()).isEqualTo(algorithm.name());
      assertThat(header.path("kid").asText()).isEqualTo(realm.keyId()).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
      assertThat(Base64.getDecoder().decode(header.path("x5c").get(0).asText()))
          .isEqualTo(realm.certificate().getEncoded());
      Signature sig = Signature.getInstance(algorithm.jcaSignature());
      sig.initVerify(realm.certificate().getPublicKey());
      sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
      if (algorithm == TokenRealm.Algorithm.ES256) {
        assertThat(signature).as("JWS ES256 signature is r||s").hasSize(64);
      }
      assertThat(sig.verify(signature)).isTrue();

      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      assertThat(claims.path("iss").asText()).isEqualTo("iss");
      assertThat(claims.path("sub").asText()).isEqualTo("u");
      assertThat(claims.path("aud").isTextual()).isTrue();
      assertThat(claims.path("aud").asText()).isEqualTo("svc");
      assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
      assertThat(claims.path("nbf").asLong()).isEqualTo(claims.path("iat").asLong());
      assertThat(claims.path("jti").asText()).isNotEmpty();
      assertThat(claims.path("access").toString()).isEqualTo(
          "[{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\",\"push\"]},"
              + "{\"type\":\"repository\",\"name\":\"base\",\"actions\":[\"pull\"]}]");

      TokenRealm.TokenRequest last = realm.lastRequest();
      assertThat(last.scopes()).containsExactly("repository:team/app:pull,push", "repository:base:pull");
      assertThat(last.outcome()).isEqualTo(TokenRealm.Outcome.AUTHENTICATED);
      assertThat(realm.requestCount()).isEqualTo(1);
    }
  }

  @Test
  void anonymousPolicyAndRejections() throws Exception {
    try (TokenRealm closed = TokenRealm.builder().user("u", "p").start();
        TokenRealm open = TokenRealm.builder().allowAnonymousPull(true).start()) {
      String q = "service=" + closed.service() + "&scope=repository:a:pull,push";
      assertThat(get(closed, q, null).statusCode()).isEqualTo(200);
      assertThat(closed.lastRequest().granted()).isEmpty();
      assertThat(get(open, q, null).statusCode()).isEqualTo(200);
      assertThat(open.lastRequest().granted()).containsExactly(new TokenRealm.Access("repository", "a", List.of("pull")));

      HttpResponse<String> wrong = get(closed, q, new Credentials("u", "x"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
      assertThat(get(open, q, new Credentials("u", "p")).statusCode()).as("no user configured").isEqualTo(401);
      assertThat(get(closed, "service=other&scope=repository:a:pull", null).statusCode()).isEqualTo(400);
      assertThat(get(closed, "service=" + closed.service() + "&scope=nonsense", null).statusCode()).isEqualTo(400);

      closed.failNext(1, 503);
      assertThat(get(closed, q, new Credentials("u", "p")).statusCode()).isEqualTo(503);
      assertThat(closed.lastRequest().outcome()).isEqualTo(TokenRealm.Outcome.INJECTED_FAILURE);
      assertThat(get(closed, q, new Credentials("u", "p")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void oauth2PasswordGrant() throws Exception {
    try (TokenRealm realm = TokenRealm.builder().user("u", "p").start()) {
      String form = "grant_type=password&username=u&password=p&client_id=test&service=" + realm.service()
          + "&scope=repository%3Aa%3Apull";
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(realm.realmUri())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("access_token").asText()).isNotEmpty();
      assertThat(realm.lastRequest().method()).isEqualTo("POST");
      assertThat(realm.lastRequest().granted()).containsExactly(new TokenRealm.Access("repository", "a", List.of("pull")));
    }
  }

  @Test
  void scopeParsing() {
    TokenRealm.Access a = TokenRealm.Access.parseScope("repository:host:5000/ns/app:pull,push");
    assertThat(a.type()).isEqualTo("repository");
    assertThat(a.name()).isEqualTo("host:5000/ns/app");
    assertThat(a.actions()).containsExactly("pull", "push");
    assertThat(a.scope()).isEqualTo("repository:host:5000/ns/app:pull,push");
    assertThat(TokenRealm.Access.parseScope("registry:catalog:*").actions()).containsExactly("*");
  }

  private static HttpResponse<String> get(TokenRealm realm, String query, @Nullable Credentials creds) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(realm.realmUri() + "?" + query)).GET();
    if (creds != null) {
      b.header("Authorization", creds.basicAuthorization());
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
