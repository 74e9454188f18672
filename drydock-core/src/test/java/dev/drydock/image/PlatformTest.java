package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

  @ParameterizedTest
  @CsvSource({
      "linux/amd64,     linux/amd64,    true",
      "linux/amd64,     linux/x86_64,   true",
      "linux/arm64,     linux/arm64/v8, true",
      "linux/arm64/v8,  linux/arm64,    true",
      "linux/arm64,     linux/aarch64,  true",
      "linux/arm/v7,    linux/arm,      true",
      "linux/arm/v6,    linux/arm/v7,   false",
      "linux/arm,       linux/arm/v6,   true",
      "linux/amd64,     linux/arm64,    false",
      "linux/amd64,     windows/amd64,  false",
      "linux/amd64,     unknown/unknown, false",
  })
  void matches(String want, String offered, boolean match) {
    assertThat(Platform.parse(want).matches(Platform.parse(offered))).isEqualTo(match);
  }

  @org.junit.jupiter.api.Test
  void rejectsMalformed() {
    assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("os/arch");
    assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x")).hasMessageContaining("os/arch");
  }
}
