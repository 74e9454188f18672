package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageFilterTest {

  @Test
  void noFilterSelectsEverything() {
    Map<String, Object> p = new HashMap<>();
    assertThat(ImageFilter.ALL.where(p)).isEmpty();
    assertThat(p).isEmpty();
  }

  @Test
  void andAcrossFieldsOrWithinOne() {
    ImageFilter f = new ImageFilter(List.of("harbor", "quay"), List.of(), List.of(), List.of("team"), List.of(),
        List.of(), List.of(), List.of("1.0", "latest"));
    Map<String, Object> p = new HashMap<>();
    assertThat(f.where(p)).isEqualTo(" WHERE r.registry_type IN (:registryTypes) AND r.repo_namespace IN "
        + "(:repoNamespaces) AND i.tag IN (:tags)");
    assertThat(p).containsEntry("registryTypes", List.of("harbor", "quay")).containsEntry("tags", List.of("1.0", "latest"));
  }

  @Test
  void digestsAreNormalisedAndInstanceIdsAreRegistryIds() {
    ImageFilter f = new ImageFilter(List.of(), List.of(), List.of("7", "cri-abc"), List.of(), List.of(), List.of(),
        List.of("sha256:ABCDEF", "0123"), List.of());
    Map<String, Object> p = new HashMap<>();
    assertThat(f.where(p)).contains("r.registry_id IN (:instanceIds)").contains("i.digest IN (:digests)");
    assertThat(p).containsEntry("instanceIds", List.of(7L)).containsEntry("digests", List.of("abcdef", "0123"));
    Map<String, Object> none = new HashMap<>();
    assertThat(new ImageFilter(List.of(), List.of(), List.of("cri-abc"), List.of(), List.of(), List.of(), List.of(),
        List.of()).where(none)).isEqualTo(" WHERE 1 = 0");
  }
}
