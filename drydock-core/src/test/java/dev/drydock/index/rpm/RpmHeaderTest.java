package dev.drydock.index.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Header blob parsing: real blobs from the rpm-written fixture, and hand-made broken ones. */
class RpmHeaderTest {

  @Test
  void parsesEveryRealHeader() throws Exception {
    List<RpmHeader> headers = new ArrayList<>();
    for (byte[] blob : RpmNdbWriter.blobsFromSqlite(RpmTestData.SQLITE).values()) {
      headers.add(RpmHeader.parse(blob));
    }
    assertThat(headers).extracting(RpmHeader::name).containsExactly(
        "gpg-pubkey", "multi-libs", "multi-devel", "zeroepoch", "hello-tool", "epochpkg", "data-files");
    assertThat(headers.get(5)).isEqualTo(new RpmHeader("epochpkg", "0.9", "1", 2L, "x86_64",
        "epochpkg-0.9-1.src.rpm", "GPL-2.0-or-later", null, null));
    // rpm's imported key: no ARCH tag, a literal "(none)" SOURCERPM.
    assertThat(headers.get(0).arch()).isNull();
    assertThat(headers.get(0).sourceRpm()).isEqualTo("(none)");
    assertThat(headers.get(0).license()).isEqualTo("pubkey");
  }

  static Stream<Arguments> brokenHeaders() {
    return Stream.of(
        Arguments.of("shorter than the preamble", new byte[] {0, 0, 0}, "shorter than its 8-byte preamble"),
        Arguments.of("too many index entries", preamble(0x10000, 0), "more than rpm's limit of 65535"),
        Arguments.of("too much data", preamble(1, 0x10000000), "data bytes, more than rpm's limit"),
        Arguments.of("one byte missing", cut(valid(), 1), "but the record holds"),
        Arguments.of("one byte extra", extend(valid()), "but the record holds"),
        Arguments.of("unknown type", new HeaderBuilder().entry(1000, 10, 0, 1).data("x\0").build(), "unknown type 10"),
        Arguments.of("name offset outside the store",
            new HeaderBuilder().entry(1000, 6, 99, 1).data("x\0").build(), "data offset 99 outside the 2-byte data store"),
        Arguments.of("int32 array overrunning the store",
            new HeaderBuilder().entry(1003, 4, 0, 1000).data("abcd").build(), "overruns the 4-byte data store"),
        Arguments.of("count near 2^32 on an int64 tag",
            new HeaderBuilder().entry(5000, 5, 0, -1).data("abcdefgh").build(), "overruns"),
        Arguments.of("unterminated name",
            new HeaderBuilder().entry(1000, 6, 0, 1).data("abc").build(), "not terminated"),
        Arguments.of("epoch of the wrong type", valid(b -> b.string(1003, "2")), "EPOCH tag has type 6"),
        Arguments.of("name of the wrong type", new HeaderBuilder().int32(1000, 5).build(), "expected a string"),
        Arguments.of("modularity label of the wrong type", valid(b -> b.int32(5096, 1)), "MODULARITYLABEL tag has type 4"),
        Arguments.of("no name", new HeaderBuilder().string(1001, "1").string(1002, "2").build(), "no NAME tag"),
        Arguments.of("empty name", new HeaderBuilder().string(1000, "").string(1001, "1").string(1002, "2").build(),
            "no NAME tag"),
        Arguments.of("no version", new HeaderBuilder().string(1000, "a").string(1002, "2").build(), "no VERSION tag"),
        Arguments.of("no release", new HeaderBuilder().string(1000, "a").string(1001, "1").build(), "no RELEASE tag"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenHeaders")
  void rejectsBrokenHeaders(String what, byte[] blob, String message) {
    assertThatThrownBy(() -> RpmHeader.parse(blob)).isInstanceOf(RpmDbException.class).hasMessageContaining(message);
  }

  @Test
  void largeOffsetAndCountDoNotOverflow() {
    byte[] blob = new HeaderBuilder().entry(1000, 6, -1, -1).data("x\0").build();
    assertThatThrownBy(() -> RpmHeader.parse(blob)).isInstanceOf(RpmDbException.class)
        .hasMessageContaining("data offset 4294967295");
  }

  @Test
  void epochIsUnsignedAndReportedWhenZero() throws Exception {
    assertThat(RpmHeader.parse(valid(b -> b.int32(1003, -1))).evr()).isEqualTo("4294967295:1.0-1");
    RpmHeader zero = RpmHeader.parse(valid(b -> b.int32(1003, 0)));
    assertThat(zero.epoch()).isZero();
    assertThat(zero.evr()).isEqualTo("1.0-1");
    assertThat(RpmHeader.parse(valid()).epoch()).isNull();
  }

  @Test
  void modularityLabelIsRead() throws Exception {
    String label = "nodejs:18:9010020230317152140:rhel9";
    assertThat(RpmHeader.parse(valid(b -> b.string(5096, label))).modularityLabel()).isEqualTo(label);
    assertThat(RpmHeader.parse(valid()).modularityLabel()).isNull();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "openssl-3.0.7-27.el9.src.rpm, openssl, 3.0.7-27.el9",
      "python3-pip-21.3.1-1.fc36.src.rpm, python3-pip, 21.3.1-1.fc36",
      "kernel-5.14.0-362.8.1.el9_3.nosrc.rpm, kernel, 5.14.0-362.8.1.el9_3",
      "a-1-2.src.rpm, a, 1-2",
      "nodash.src.rpm, null, null",
      "only-1.src.rpm, null, null",
      "-1-2.src.rpm, null, null",
      "a--2.src.rpm, null, null",
      "a-1-.src.rpm, null, null",
      "a-1-2.rpm, null, null",
  })
  void sourceRpmNameAndVersion(String sourceRpm, @Nullable String name, @Nullable String version) {
    String[] got = RpmPackages.sourceNameAndVersion(sourceRpm);
    if (name == null) {
      assertThat(got).isNull();
    } else {
      assertThat(got).containsExactly(name, version);
    }
  }

  private static byte[] valid() {
    return valid(b -> b);
  }

  /** NAME, VERSION, RELEASE, then whatever {@code more} adds. */
  private static byte[] valid(UnaryOperator<HeaderBuilder> more) {
    return more.apply(new HeaderBuilder().string(1000, "pkg").string(1001, "1.0").string(1002, "1")).build();
  }

  private static byte[] preamble(int il, int dl) {
    return ByteBuffer.allocate(8).putInt(il).putInt(dl).array();
  }

  private static byte[] cut(byte[] b, int n) {
    return java.util.Arrays.copyOf(b, b.length - n);
  }

  private static byte[] extend(byte[] b) {
    return java.util.Arrays.copyOf(b, b.length + 1);
  }

  /** Writes header blobs in rpm's stored layout, well-formed or not. */
  static final class HeaderBuilder {
    private final ByteArrayOutputStream index = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int entries;

    HeaderBuilder entry(int tag, int type, int offset, int count) {
      index.writeBytes(ByteBuffer.allocate(16).putInt(tag).putInt(type).putInt(offset).putInt(count).array());
      entries++;
      return this;
    }

    HeaderBuilder data(String s) {
      data.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
      return this;
    }

    HeaderBuilder string(int tag, String value) {
      entry(tag, 6, data.size(), 1);
      return data(value + "\0");
    }

    HeaderBuilder int32(int tag, int value) {
      while (data.size() % 4 != 0) {
        data.write(0);
      }
      entry(tag, 4, data.size(), 1);
      data.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
      return this;
    }

    byte[] build() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(preamble(entries, data.size()));
      out.writeBytes(index.toByteArray());
      out.writeBytes(data.toByteArray());
      return out.toByteArray();
    }
  }
}
