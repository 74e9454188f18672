package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing tools and fixtures fail with a message that says how to get them. */
class FixtureMessagesTest {

  @Test
  void missingExecutableNamesTheInstallCommand() {
    assertThatThrownBy(() -> Executables.require("drydock-no-such-tool", "apt-get install drydock-no-such-tool"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("drydock-no-such-tool not found: apt-get install drydock-no-such-tool");
    assertThat(Executables.require("sh", "apt-get install dash")).isExecutable();
  }

  @Test
  void missingDebootstrapFixtureNamesTheScript(@TempDir Path empty) {
    assertThatThrownBy(() -> Debootstrap.require(empty, Debootstrap.ROOTFS_TAR))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(empty.resolve("bookworm-minbase.tar").toString())
        .hasMessageContaining("run .ci/debootstrap-rootfs.sh");
  }
}
