package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vuln.advisory.EcosystemKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSchemesTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "Debian:12       | dpkg",
      "Debian:sid      | dpkg",
      "Debian          | dpkg",
      "Ubuntu:22.04    | dpkg",
      "Alpine:v3.19    | apk",
      "Alpine          | apk",
      "Wolfi           | apk",
      "Red Hat:rhel_aus:8.4::appstream | rpm",
      "Rocky Linux:9   | rpm",
      "Maven           | maven",
      "npm             | semver",
      "Go              | semver",
      "crates.io       | semver",
      "PyPI            | pep440",
      "RubyGems        | rubygems",
      "Packagist       | composer",
      "Packagist:https://packages.drupal.org/8 | composer",
      "NuGet           | nuget",
  })
  void mapsEcosystemKeys(String key, String scheme) {
    assertThat(VersionSchemes.forEcosystem(key)).get().extracting(VersionScheme::name).isEqualTo(scheme);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "debian:12", "Debian:", "Hex", "Pub", "OSS-Fuzz", "GIT", "maven", "Alpaca:1"})
  void unknownKeysHaveNoScheme(String key) {
    assertThat(VersionSchemes.forEcosystem(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bookworm", "12", "trixie", "sid"})
  void everyKeyEcosystemKeysProducesForDebianHasAScheme(String release) {
    assertThat(VersionSchemes.forEcosystem(EcosystemKeys.debian(release))).contains(DebianVersion.INSTANCE);
    assertThat(VersionSchemes.forEcosystem(EcosystemKeys.alpine("3.19.1"))).contains(ApkVersion.INSTANCE);
    assertThat(VersionSchemes.forEcosystem(EcosystemKeys.fromOsv("Ubuntu:22.04:LTS"))).contains(DebianVersion.INSTANCE);
  }
}
