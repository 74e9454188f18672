package dev.drydock.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PathHashesTest {

  @Test
  void holdsWhatWasAddedOnceAndNothingElse() {
    PathHashes.Builder b = new PathHashes.Builder();
    for (int i = 0; i < 10_000; i++) {
      b.add("usr/share/doc/pkg" + i + "/copyright");
    }
    b.add("usr/share/doc/pkg7/copyright");
    PathHashes set = b.build();
    assertThat(set.size()).isEqualTo(10_000);
    assertThat(set.contains("usr/share/doc/pkg0/copyright")).isTrue();
    assertThat(set.contains("usr/share/doc/pkg9999/copyright")).isTrue();
    assertThat(set.contains("usr/share/doc/pkg10000/copyright")).isFalse();
    assertThat(set.contains("usr/share/doc/pkg0")).isFalse();
    assertThat(new PathHashes.Builder().build()).isSameAs(PathHashes.EMPTY);
  }

  @Test
  void survivesTheLayerCacheJson() throws Exception {
    PathHashes set = new PathHashes.Builder().add("lib").add("etc/passwd").add("é/ü").build();
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(set);
    assertThat(text).startsWith("\"").hasSize(2 + 32); // base64 of 3 x 8 bytes
    PathHashes back = json.readValue(text, PathHashes.class);
    assertThat(back).isEqualTo(set);
    assertThat(back.contains("é/ü")).isTrue();
    assertThatThrownBy(() -> json.readValue("\"AAAA\"", PathHashes.class)).hasMessageContaining("whole number");
  }
}
