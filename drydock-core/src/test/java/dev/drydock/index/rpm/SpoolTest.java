package dev.drydock.index.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpoolTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
      "0, 1000, 7, InMemory",
      "1000, 1000, 7, InMemory",
      "1001, 1000, 7, OnDisk",
      "100000, 1000, 4093, OnDisk",
      "100000, 0, 65536, OnDisk",
  })
  void keepsSmallFilesOnTheHeapAndLargeOnesOnDisk(int size, int memory, int chunk, String where) throws Exception {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    try (Spool spool = new Spool(size, new RpmLimits(memory, 1 << 20, 1 << 20, tmp))) {
      for (int off = 0; off < size; off += chunk) {
        spool.write(content, off, Math.min(chunk, size - off));
      }
      assertThat(spool.failure()).isNull();
      RandomAccessBytes bytes = spool.contents();
      assertThat(bytes.getClass().getSimpleName()).isEqualTo(where);
      assertThat(bytes.size()).isEqualTo(size);
      assertThat(bytes.read(0, size)).isEqualTo(content);
      if (size > 10) {
        assertThat(bytes.read(size - 10, 10)).isEqualTo(java.util.Arrays.copyOfRange(content, size - 10, size));
      }
      Path copy = tmp.resolve("copy");
      spool.copyTo(copy);
      assertThat(Files.readAllBytes(copy)).isEqualTo(content);
      Files.delete(copy);
    }
    assertThat(listTmp()).isEmpty();
  }

  @Test
  void spoolFileIsUnlinkedWhileInUseOnPosix() {
    assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    try (Spool spool = new Spool(0, new RpmLimits(16, 1 << 20, 1 << 20, tmp))) {
      spool.write(new byte[100], 0, 100);
      assertThat(spool.contents()).isInstanceOf(RandomAccessBytes.OnDisk.class);
      assertThat(listTmp()).as("nothing on disk even if the spool were abandoned").isEmpty();
    }
  }

  @Test
  void beyondTheCapRecordsAFailureAndKeepsCounting() {
    try (Spool spool = new Spool(0, new RpmLimits(16, 100, 1 << 20, tmp))) {
      for (int i = 0; i < 10; i++) {
        spool.write(new byte[30], 0, 30);
      }
      assertThat(spool.failure()).contains("more than 100 bytes");
      assertThat(spool.size()).isEqualTo(300);
    }
    assertThat(listTmp()).isEmpty();
  }

  @Test
  void aDeclaredSizeOverTheCapFailsBeforeTheFirstByte() {
    try (Spool spool = new Spool(101, new RpmLimits(16, 100, 1 << 20, tmp))) {
      assertThat(spool.failure()).contains("more than 100 bytes");
      spool.write(new byte[50], 0, 50);
      assertThat(spool.size()).isEqualTo(50);
      assertThat(listTmp()).as("nothing spooled").isEmpty();
    }
  }

  @Test
  void readsOutsideTheContentFail() throws Exception {
    try (Spool spool = new Spool(0, new RpmLimits(16, 1 << 20, 1 << 20, tmp))) {
      spool.write(new byte[40], 0, 40);
      RandomAccessBytes bytes = spool.contents();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> bytes.read(30, 11)).isInstanceOf(java.io.EOFException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> bytes.read(-1, 1)).isInstanceOf(java.io.EOFException.class);
      assertThat(bytes.read(40, 0)).isEmpty();
    }
  }

  private java.util.List<Path> listTmp() {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
