package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepoPathsTest {

  @ParameterizedTest(name = "{0} -> [{1}] [{2}]")
  @CsvSource(delimiter = '|', textBlock = """
      # path              | namespace | name
      team/app            | team      | app
      team/sub/app        | team      | sub/app
      a/b/c/d             | a         | b/c/d
      alpine              |           | alpine
      library/alpine      | library   | alpine
      my-org.io/x_y.z     | my-org.io | x_y.z
      """)
  void splitsAtTheFirstSlashAndJoinsBack(String path, @org.jspecify.annotations.Nullable String namespace, String name) {
    RepoPaths.Split s = RepoPaths.split(path);
    assertThat(s).isEqualTo(new RepoPaths.Split(namespace == null ? "" : namespace, name));
    assertThat(RepoPaths.join(s.namespace(), s.name())).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/app", "team/"})
  void refusesWhatIsNotARepositoryPath(String path) {
    assertThatThrownBy(() -> RepoPaths.split(path)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bareAndLibraryRepositoriesDoNotCollide() {
    assertThat(RepoPaths.split("alpine")).isNotEqualTo(RepoPaths.split("library/alpine"));
    assertThat(RepoPaths.repoId(1, "alpine")).isNotEqualTo(RepoPaths.repoId(1, "library/alpine"));
  }

  @Test
  void repoIdIsStableAndPerRegistry() {
    String id = RepoPaths.repoId(7, "team/app");
    assertThat(id).matches("crr-[0-9a-f]{16}").isEqualTo(RepoPaths.repoId(7, "team/app"));
    assertThat(RepoPaths.repoId(8, "team/app")).isNotEqualTo(id);
    assertThat(RepoPaths.repoId(7, "team/app2")).isNotEqualTo(id);
  }

  @Test
  void imageUuidIsAStableVersion5UuidOfRegistryRepositoryAndTag() {
    String u = RepoPaths.imageUuid(7, "team/app", "1.0");
    UUID uuid = UUID.fromString(u);
    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(RepoPaths.imageUuid(7, "team/app", "1.0")).isEqualTo(u);
    assertThat(RepoPaths.imageUuid(7, "team/app", "1.1")).isNotEqualTo(u);
    assertThat(RepoPaths.imageUuid(8, "team/app", "1.0")).isNotEqualTo(u);
    // "team/app" + ":1.0" must not alias "team/app:1" + ".0"-like splits
    assertThat(RepoPaths.imageUuid(7, "team/a", "pp:1.0")).isNotEqualTo(u);
  }
}
