package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TaskSettingsTest {

  /** An environment converting values as Spring Boot does ({@code PT2S} → Duration). */
  static MockEnvironment env() {
    MockEnvironment env = new MockEnvironment();
    env.setConversionService((org.springframework.core.convert.support.ConfigurableConversionService)
        org.springframework.boot.convert.ApplicationConversionService.getSharedInstance());
    return env;
  }

  @Test
  void defaults() {
    TaskSettings s = TaskSettings.from(env().withProperty("drydock.data-dir", "/var/lib/drydock"));
    assertThat(s.workers()).isEqualTo(2);
    assertThat(s.maxUnfinishedTasks()).isEqualTo(10);
    assertThat(s.regions()).isEqualTo(TaskSettings.SEED_REGIONS).hasSize(14);
    assertThat(s.supportsRegion("cn-hangzhou")).isTrue();
    assertThat(s.supportsRegion("cn-wulanchabu")).isFalse();
    assertThat(s.supportsRegion(null)).isFalse();
    assertThat(s.advisoryDb().toString()).isEqualTo("/var/lib/drydock/advisories.db");
    assertThat(s.advisoryUpdateInterval()).as("off unless configured").isNull();
  }

  @Test
  void backoffDoublesUpToFiveMinutes() {
    TaskSettings s = TaskSettings.from(env().withProperty("drydock.scan.backoff", "PT2S"));
    assertThat(s.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(s.backoffAfter(30)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void configuredRegionsAndBadValues() {
    assertThat(TaskSettings.from(env().withProperty("drydock.scan.regions", " cn-x , eu-y ")).regions())
        .containsExactly("cn-x", "eu-y");
    assertThatThrownBy(() -> TaskSettings.from(env().withProperty("drydock.scan.workers", "-1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaskSettings.from(env().withProperty("drydock.scan.lease", "PT1S")))
        .hasMessageContaining("lease");
  }
}
