package dev.drydock.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.Digest;
import dev.drydock.image.DigestMismatchException;
import dev.drydock.image.ImageException;
import dev.drydock.image.RegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void transientFailuresAreRetried() {
    assertThat(Failures.isTransient(new RegistryException("registry answered 503", 503, true))).isTrue();
    assertThat(Failures.isTransient(new IOException("wrapped", new ConnectException("refused")))).isTrue();
    assertThat(Failures.isTransient(new EOFException("body cut short"))).isTrue();
    assertThat(Failures.isTransient(new UncheckedIOException(new ConnectException("refused")))).isTrue();
  }

  @Test
  void finalAnswersAreNot() {
    assertThat(Failures.isTransient(new RegistryException.ManifestUnknown("r/a@sha256:00"))).isFalse();
    assertThat(Failures.isTransient(new RegistryException.Unauthorized("r/a", "bad credentials"))).isFalse();
    assertThat(Failures.isTransient(new DigestMismatchException(Digest.parse("sha256:" + "0".repeat(64)), "sha256:1")))
        .isFalse();
    assertThat(Failures.isTransient(new ImageException("not an image"))).isFalse();
    assertThat(Failures.isTransient(new Failures.Permanent("no registry"))).isFalse();
    assertThat(Failures.isTransient(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void reasonsAreOneLineWithThePasswordMasked() {
    assertThat(Failures.describe(new IOException("denied for s3cret\nmore"), "s3cret")).isEqualTo("denied for ****** more");
    assertThat(Failures.describe(new IllegalStateException("boom"), null)).isEqualTo("IllegalStateException: boom");
  }
}
