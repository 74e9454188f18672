package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WwwAuthenticateTest {

  @Test
  void bearerWithQuotedCommas() {
    WwwAuthenticate c = WwwAuthenticate.parse(
        "Bearer realm=\"http://127.0.0.1:1/token\",service=\"reg\",scope=\"repository:a/b:pull,push\",error=\"insufficient_scope\"");
    assertThat(c.scheme()).isEqualTo("bearer");
    assertThat(c.param("realm")).isEqualTo("http://127.0.0.1:1/token");
    assertThat(c.param("Service")).isEqualTo("reg");
    assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
    assertThat(c.param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void basicAndTokenValues() {
    assertThat(WwwAuthenticate.parse("Basic realm=\"x\"").params()).containsEntry("realm", "x");
    assertThat(WwwAuthenticate.parse("basic realm=x, charset=UTF-8").params())
        .containsEntry("realm", "x").containsEntry("charset", "UTF-8");
    assertThat(WwwAuthenticate.parse("Negotiate").params()).isEmpty();
  }

  @Test
  void malformed() {
    assertThatThrownBy(() -> WwwAuthenticate.parse("Bearer realm=\"open")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> WwwAuthenticate.parse("Bearer realm")).hasMessageContaining("without '='");
  }
}
