package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference grammar of distribution/reference, row by row. */
class ImageReferenceTest {

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      // input,                                   registry,        repository,        tag,     digest?, apiHost
      "nginx,                                     docker.io,       library/nginx,     latest,  -, registry-1.docker.io",
      "nginx:1.25,                                docker.io,       library/nginx,     1.25,    -, registry-1.docker.io",
      "bitnami/redis:7,                           docker.io,       bitnami/redis,     7,       -, registry-1.docker.io",
      "docker.io/nginx,                           docker.io,       library/nginx,     latest,  -, registry-1.docker.io",
      "index.docker.io/library/nginx:1,           docker.io,       library/nginx,     1,       -, registry-1.docker.io",
      "127.0.0.1:5000/team/app:1.0,               127.0.0.1:5000,  team/app,          1.0,     -, 127.0.0.1:5000",
      "localhost/app,                             localhost,       app,               latest,  -, localhost",
      "localhost:5000/a/b/c:v1.2-rc_3,            localhost:5000,  a/b/c,             v1.2-rc_3, -, localhost:5000",
      "quay.io/org/app,                           quay.io,         org/app,           latest,  -, quay.io",
      "registry.cn-hangzhou.aliyuncs.com/ns/repo:tag, registry.cn-hangzhou.aliyuncs.com, ns/repo, tag, -, registry.cn-hangzhou.aliyuncs.com",
  })
  void parses(String input, String registry, String repository, String tag, String digest, String apiHost) {
    ImageReference r = ImageReference.parse(input);
    assertThat(r.registry()).isEqualTo(registry);
    assertThat(r.repository()).isEqualTo(repository);
    assertThat(r.tag()).isEqualTo(tag);
    assertThat(r.digest()).isNull();
    assertThat(r.apiHost()).isEqualTo(apiHost);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "127.0.0.1:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "127.0.0.1:5000/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  })
  void digestWinsOverTag(String input) {
    ImageReference r = ImageReference.parse(input);
    assertThat(r.manifestReference()).isEqualTo("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assertThat(ImageReference.parse(r.toString())).isEqualTo(r);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "UPPER/case", "app:", "app@sha256:short", "a//b", "-app", "app:tag with space",
      "app@md5:0123456789abcdef0123456789abcdef"})
  void rejects(String input) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image reference");
  }
}
