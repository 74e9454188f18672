package dev.drydock.server.inventory.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.Digest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The imageID shapes of containerd, CRI-O and Docker (dockershim / cri-dockerd). */
class RuntimeImageIdTest {

  static final String HEX = "a".repeat(64);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "docker-pullable://nginx@sha256:HEX | repo   | nginx",
      "docker.io/library/nginx@sha256:HEX | repo   | docker.io/library/nginx",
      "127.0.0.1:5000/team/app@sha256:HEX | repo   | 127.0.0.1:5000/team/app",
      "sha256:HEX                        | config | null",
      "docker://sha256:HEX               | config | null",
      "''                                                   | none   | null",
      "null                                                 | none   | null",
      "sha256:tooshort                                      | none   | null",
      "nginx@md5:HEX32                     | none   | null",
  })
  void parses(String imageId, String kind, String repository) {
    RuntimeImageId id = RuntimeImageId.parse(imageId == null ? null
        : imageId.replace("HEX32", "a".repeat(32)).replace("HEX", HEX));
    switch (kind) {
      case "repo" -> assertThat(id).isEqualTo(new RuntimeImageId.RepoDigest(repository, new Digest("sha256", HEX)));
      case "config" -> assertThat(id).isEqualTo(new RuntimeImageId.ConfigDigest(new Digest("sha256", HEX)));
      default -> assertThat(id).isInstanceOf(RuntimeImageId.Unknown.class);
    }
  }
}
