package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.ManifestDocument;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pure rules of the sync: platform choice, creation time, secret scrubbing, regions. */
class RegistrySyncUnitTest {

  private static Descriptor entry(int n, @Nullable Platform p) {
    String hex = String.format("%064x", n);
    return new Descriptor(MediaTypes.OCI_MANIFEST, new Digest("sha256", hex), 100, p, Map.of(), List.of());
  }

  @Test
  void indexEntryIsLinuxAmd64ElseTheFirstRealPlatform() throws Exception {
    Descriptor attestation = entry(1, new Platform("unknown", "unknown", null));
    Descriptor arm = entry(2, new Platform("linux", "arm64", null));
    Descriptor amd = entry(3, Platform.LINUX_AMD64);
    assertThat(RegistrySync.pick(new ManifestDocument.Index(MediaTypes.OCI_INDEX, List.of(attestation, arm, amd)), "x"))
        .isEqualTo(amd);
    assertThat(RegistrySync.pick(new ManifestDocument.Index(MediaTypes.OCI_INDEX, List.of(attestation, arm)), "x"))
        .isEqualTo(arm);
    Descriptor plain = entry(4, null);
    assertThat(RegistrySync.pick(new ManifestDocument.Index(MediaTypes.OCI_INDEX, List.of(plain)), "x"))
        .isEqualTo(plain);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "2024-01-01T00:00:00Z, 1704067200000",
      "2024-01-01T08:00:00+08:00, 1704067200000",
      "2024-01-01T00:00:00.123456789Z, 1704067200123",
      "yesterday, null",
      "null, null"})
  void creationTimeIsTheConfigsCreatedInEpochMillis(@Nullable String created, @Nullable Long millis) {
    assertThat(RegistrySync.epochMillis(created)).isEqualTo(millis);
  }

  @Test
  void passwordsAreScrubbedFromReasons() {
    assertThat(RegistrySyncService.scrub("bad login s3cret for s3cret", "s3cret"))
        .isEqualTo("bad login ****** for ******");
    assertThat(RegistrySyncService.scrub("no secret here", null)).isEqualTo("no secret here");
    assertThat(RegistrySyncService.scrub("unchanged", "")).isEqualTo("unchanged");
  }

  @Test
  void regionsAreConfigurable() {
    assertThat(RegistryRegions.parse(null)).extracting(RegistryRegions.Region::regionId)
        .startsWith("cn-hangzhou", "cn-shanghai").contains("ap-southeast-1", "cn-hongkong");
    List<RegistryRegions.Region> custom = RegistryRegions.parse(" cn-beijing, on-prem-1 ,cn-beijing");
    assertThat(custom).extracting(RegistryRegions.Region::regionId).containsExactly("cn-beijing", "on-prem-1");
    assertThat(custom.get(0).name("en")).isEqualTo("China (Beijing)");
    assertThat(custom.get(0).name("zh")).isEqualTo("华北2（北京）");
    assertThat(custom.get(1).name("en")).isEqualTo("on-prem-1");
  }
}
