package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ImageName forms of ListImageRisk, one row per form (the table in {@link ImageName}). */
class ImageNameTest {

  static final String HEX = "3f8efc2184cf1d24936b49c27286a284714b77be34c80c9ee38ca6bf322445aa";

  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("team/app:1.0", new ImageName.Exact(null, "team/app", "1.0")),
        Arguments.of("team/sub/tool:latest", new ImageName.Exact(null, "team/sub/tool", "latest")),
        Arguments.of("  team/app:1.0 \t", new ImageName.Exact(null, "team/app", "1.0")),
        Arguments.of("alpine:3.19", new ImageName.RepoTag("alpine", "3.19")),
        Arguments.of("team/app", new ImageName.Repository(null, "team/app")),
        Arguments.of("team/sub/tool", new ImageName.Repository(null, "team/sub/tool")),
        Arguments.of("team/", new ImageName.Namespace("team")),
        Arguments.of("nginx", new ImageName.Substring("nginx")),
        Arguments.of("1.25", new ImageName.Substring("1.25")),
        Arguments.of("Ngin_x%", new ImageName.Substring("Ngin_x%")),
        Arguments.of("127.0.0.1:5000/team/app:1.0", new ImageName.Exact("127.0.0.1:5000", "team/app", "1.0")),
        Arguments.of("registry.example.com/alpine:3.19", new ImageName.Exact("registry.example.com", "alpine", "3.19")),
        Arguments.of("localhost/team/app", new ImageName.Repository("localhost", "team/app")),
        Arguments.of("localhost:5000/app", new ImageName.Repository("localhost:5000", "app")),
        Arguments.of("sha256:" + HEX.toUpperCase(java.util.Locale.ROOT), new ImageName.Digest(null, null, HEX)),
        Arguments.of("team/app@sha256:" + HEX, new ImageName.Digest(null, "team/app", HEX)),
        Arguments.of("team/app:1.0@sha256:" + HEX, new ImageName.Digest(null, "team/app", HEX)),
        Arguments.of("r.example.com:443/team/app@sha256:" + HEX, new ImageName.Digest("r.example.com:443", "team/app", HEX)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void parses(String text, ImageName want) {
    assertThat(ImageName.parse(text)).contains(want);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankSelectsEverything(String text) {
    assertThat(ImageName.parse(text)).isEmpty();
    assertThat(ImageName.parse(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"team/app:", "app:", "team//app", "/app", "team/app/", "sha256:abc", "app@sha256:xyz",
      "app@md5:" + HEX, "registry.io/", "team/app/:1"})
  void malformedReferencesAreRefused(String text) {
    assertThatThrownBy(() -> ImageName.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tooLongIsRefused() {
    assertThat(ImageName.parse("a".repeat(ImageName.MAX_LENGTH))).isPresent();
    assertThatThrownBy(() -> ImageName.parse("a".repeat(ImageName.MAX_LENGTH + 1)))
        .hasMessageContaining(String.valueOf(ImageName.MAX_LENGTH));
  }
}
