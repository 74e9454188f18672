package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengeTest {

  @Test
  void bearerWithQuotedParams() {
    Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
        + "scope=\"repository:library/nginx:pull\"").orElseThrow();
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.params()).containsEntry("realm", "https://auth.docker.io/token")
        .containsEntry("service", "registry.docker.io")
        .containsEntry("scope", "repository:library/nginx:pull");
  }

  @Test
  void basicAndOddSpacing() {
    Challenge c = Challenge.parse("Basic   realm=\"Registry Realm\"").orElseThrow();
    assertThat(c.scheme()).isEqualTo("basic");
    assertThat(c.param("realm")).isEqualTo("Registry Realm");
    Challenge t = Challenge.parse("bearer realm=https://h/t, service=svc , error=\"insufficient_scope\"").orElseThrow();
    assertThat(t.param("realm")).isEqualTo("https://h/t");
    assertThat(t.param("service")).isEqualTo("svc");
    assertThat(t.param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void escapedQuotesAndEmpty() {
    assertThat(Challenge.parse("Bearer realm=\"a\\\"b\"").orElseThrow().param("realm")).isEqualTo("a\"b");
    assertThat(Challenge.parse("  ")).isEmpty();
    assertThat(Challenge.parse(null)).isEmpty();
  }
}
