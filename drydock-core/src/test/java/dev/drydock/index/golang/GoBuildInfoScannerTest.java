package dev.drydock.index.golang;

import static dev.drydock.index.golang.SyntheticElf.PF_R;
import static dev.drydock.index.golang.SyntheticElf.PF_W;
import static dev.drydock.index.golang.SyntheticElf.PT_LOAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.golang.BuildInfoScanner.Found;
import dev.drydock.index.golang.BuildInfoScanner.NotGo;
import dev.drydock.index.golang.BuildInfoScanner.Outcome;
import dev.drydock.index.golang.BuildInfoScanner.Unreadable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoBuildInfoScannerTest {

  static final String MODINFO = "path\texample.com/x\nmod\texample.com/x\t(devel)\t\n";
  static final byte[] BLOB = SyntheticElf.inlineBlob("go1.21.4", MODINFO);

  /** A 16 KiB ELF: read-only segment [0, 0x2000), writable [0x2000, 0x4000). */
  static SyntheticElf elf() {
    return new SyntheticElf(0x4000)
        .segment(PT_LOAD, PF_R, 0, 0x2000)
        .segment(PT_LOAD, PF_R | PF_W, 0x2000, 0x2000);
  }

  static Outcome scan(byte[] file, int chunk) {
    BuildInfoScanner s = new BuildInfoScanner(file.length);
    for (int off = 0; off < file.length; off += chunk) {
      s.write(file, off, Math.min(chunk, file.length - off));
    }
    return s.finish();
  }

  static Found found(String modInfo) {
    return new Found(new BuildInfoBlob.Strings("go1.21.4", modInfo));
  }

  static IntStream chunkSizes() {
    return IntStream.of(1, 2, 3, 7, 13, 14, 15, 16, 17, 31, 32, 33, 100, 4093, 1 << 20);
  }

  @ParameterizedTest
  @MethodSource("chunkSizes")
  void findsTheBlobWhateverTheChunking(int chunk) {
    byte[] file = elf().put(0x2230, BLOB).build();
    assertThat(scan(file, chunk)).isEqualTo(found(MODINFO));
  }

  @Test
  void findsTheBlobWhereverAChunkBoundaryFalls() {
    byte[] file = elf().put(0x2230, BLOB).build();
    for (int split = 0x2200; split < 0x2230 + BLOB.length + 2; split++) {
      BuildInfoScanner s = new BuildInfoScanner(file.length);
      s.write(file, 0, split);
      s.write(file, split, file.length - split);
      assertThat(s.finish()).as("split at %x", split).isEqualTo(found(MODINFO));
    }
  }

  @Test
  void ignoresTheMagicOutsideWritableSegmentsAndOffAlignment() {
    byte[] decoy = SyntheticElf.inlineBlob("go1.0.0", "path\tdecoy\n");
    byte[] file = elf()
        .put(0x1000, decoy)  // read-only data, as in a program that imports debug/buildinfo
        .put(0x2008, decoy)  // writable but not 16-byte aligned
        .put(0x2400, BLOB)
        .build();
    assertThat(scan(file, 4093)).isEqualTo(found(MODINFO));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 17, 4093})
  void skipsACandidateWithAnImplausibleHeaderEvenWhenTheBlobFollowsItDirectly(int chunk) {
    byte[] bogus = SyntheticElf.header(3, 0x40);
    byte[] file = elf().put(0x2000, Arrays.copyOf(bogus, 16)).put(0x2010, BLOB).build();
    assertThat(scan(file, chunk)).isEqualTo(found(MODINFO));
  }

  @Test
  void searchesEverywhereWhenTheProgramHeadersAreNotInTheHead() {
    byte[] file = new SyntheticElf(0x4000).segment(PT_LOAD, PF_R, 0, 0x4000).put(0x1230, BLOB).build();
    // e_phoff far beyond the file: the layout is unknown, so any aligned offset may hold the blob.
    file[32] = 0x00;
    file[35] = 0x10;
    assertThat(scan(file, 100)).isEqualTo(found(MODINFO));
  }

  @Test
  void reportsThePointerFormatOfGoBefore118() {
    byte[] file = elf().put(0x2000, SyntheticElf.header(8, 0)).build();
    assertThat(scan(file, 4093)).isInstanceOfSatisfying(Unreadable.class,
        u -> assertThat(u.reason()).contains("pre-Go 1.18"));
  }

  @Test
  void aGoNoteWithoutBuildInfoIsUnreadableAndNoNoteIsNotGo() {
    assertThat(scan(elf().goNote().build(), 4093)).isInstanceOfSatisfying(Unreadable.class,
        u -> assertThat(u.reason()).contains("without Go build info"));
    assertThat(scan(elf().build(), 4093)).isEqualTo(new NotGo());
  }

  @Test
  void dropsNonElfFilesAfterTheirFirstBytes() {
    BuildInfoScanner s = new BuildInfoScanner(1 << 20);
    s.write("#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII), 0, 10);
    assertThat(s.retainedBytes()).isZero();
    s.write(new byte[1 << 20], 0, 1 << 20);
    assertThat(s.finish()).isEqualTo(new NotGo());
    assertThat(scan(new byte[] {0x7f, 'E'}, 1)).isEqualTo(new NotGo());
  }

  @Test
  void keepsBoundedMemoryOnALargeFile() {
    BuildInfoScanner s = new BuildInfoScanner(256L << 20);
    byte[] first = elf().build();
    s.write(first, 0, first.length);
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 0xff);  // the magic's first byte everywhere: the slow path
    for (int i = 0; i < 256; i++) {
      s.write(chunk, 0, chunk.length);
      assertThat(s.retainedBytes()).isLessThanOrEqualTo(BuildInfoScanner.HEAD_MAX);
    }
    assertThat(s.finish()).isEqualTo(new NotGo());
  }

  @Test
  void refusesBuildInfoOverTheLimitWithoutBufferingIt() {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    blob.writeBytes(SyntheticElf.header(8, 2));
    blob.writeBytes(new byte[] {8, 'g', 'o', '1', '.', '2', '1', '.', '4'});
    SyntheticElf.writeUvarint(blob, 1L << 40);
    byte[] file = elf().put(0x2000, blob.toByteArray()).build();
    assertThat(scan(file, 7)).isInstanceOfSatisfying(Unreadable.class,
        u -> assertThat(u.reason()).contains("over the 1048576-byte limit"));
  }

  @Test
  void reportsMalformedAndTruncatedBlobs() {
    byte[] badVarint = Arrays.copyOf(SyntheticElf.header(8, 2), 48);
    Arrays.fill(badVarint, 32, 48, (byte) 0xff);
    assertThat(scan(elf().put(0x2000, badVarint).build(), 4093)).isInstanceOfSatisfying(Unreadable.class,
        u -> assertThat(u.reason()).contains("malformed Go build info at file offset 8192"));

    byte[] file = Arrays.copyOf(elf().put(0x2000, BLOB).build(), 0x2000 + BLOB.length - 5);
    assertThat(scan(file, 4093)).isInstanceOfSatisfying(Unreadable.class,
        u -> assertThat(u.reason()).contains("ends inside its Go build info"));
  }

  /** Random corruption of the ELF headers, note and blob: always a result, never an exception. */
  @Test
  void neverThrowsOnCorruptedInput() {
    byte[] good = elf().goNote().put(0x2030, BLOB).build();
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] file = good.clone();
      for (int k = 0; k < 1 + random.nextInt(8); k++) {
        int region = random.nextInt(3);
        int at = region == 0 ? random.nextInt(0x200) : region == 1 ? 0x400 + random.nextInt(24)
            : 0x2030 + random.nextInt(BLOB.length);
        file[at] = (byte) random.nextInt(256);
      }
      Outcome outcome = scan(file, 1 + random.nextInt(5000));
      assertThat(new GoBinaryAnalyzer().result("f", outcome)).as("round %d", round).isNotNull();
    }
  }

  @Test
  void modInfoWithoutSentinelsIsEmpty() {
    byte[] blob = SyntheticElf.inlineBlob("go1.21.4", "");
    assertThat(scan(elf().put(0x2000, blob).build(), 4093)).isEqualTo(found(""));
  }
}
