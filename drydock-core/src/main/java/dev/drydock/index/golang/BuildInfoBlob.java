package dev.drydock.index.golang;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The build-info blob Go's linker writes into the {@code .go.buildinfo} section (Go 1.13+).
 *
 * <p>Layout: a 32-byte header of the 14-byte magic {@code "\xff Go buildinf:"}, the pointer size
 * (4 or 8) and a flags byte (bit 0: big-endian, bit 1: strings inline). With bit 1 set (Go 1.18
 * and later) the header is followed by the Go version and the module info as
 * uvarint-length-prefixed strings. Without it (Go 1.13 to 1.17) the header holds two pointers to
 * string headers elsewhere in memory, which a single forward pass over the file cannot follow.
 * The module info is framed by two 16-byte sentinels, recognised as Go does by the newline just
 * before the closing one.
 *
 * @see <a href="https://pkg.go.dev/debug/buildinfo">debug/buildinfo</a>
 * @see <a href="https://github.com/golang/go/blob/master/src/debug/buildinfo/buildinfo.go">buildinfo.go</a>
 */
final class BuildInfoBlob {

  static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  static final int HEADER = 32;
  static final int FLAG_BIG_ENDIAN = 1;
  static final int FLAG_INLINE = 2;
  private static final int SENTINEL = 16;
  /** Go versions are like {@code go1.22.3 X:boringcrypto}; anything longer is not a version. */
  private static final int MAX_VERSION = 1024;

  /** {@link #requiredLength} could not tell yet: more bytes are needed. */
  static final long NEED_MORE = -1;
  /** {@link #requiredLength}: a varint is malformed. */
  static final long MALFORMED = -2;

  private BuildInfoBlob() {}

  /** The Go version and the unframed module info ({@code ""} when the binary has none). */
  record Strings(String goVersion, String modInfo) {}

  /** Whether a 32-byte header (magic already matched) has a pointer size and flags Go writes. */
  static boolean plausibleHeader(byte[] b) {
    int ptrSize = b[MAGIC.length];
    int flags = b[MAGIC.length + 1];
    return (ptrSize == 4 || ptrSize == 8) && (flags & ~(FLAG_BIG_ENDIAN | FLAG_INLINE)) == 0;
  }

  static boolean isInline(byte[] header) {
    return (header[MAGIC.length + 1] & FLAG_INLINE) != 0;
  }

  /**
   * The total length of an inline blob, header included, from its first {@code len} bytes:
   * {@link #NEED_MORE} when the length prefixes are not all there yet, {@link #MALFORMED} when
   * one is not a valid uvarint or the Go version is implausibly long.
   */
  static long requiredLength(byte[] b, int len) {
    long p = HEADER;
    for (int i = 0; i < 2; i++) {
      if (p >= len) {
        return NEED_MORE;
      }
      long[] v = uvarint(b, (int) p, len);
      if (v == null) {
        return NEED_MORE;
      }
      if (v[0] < 0 || (i == 0 && v[0] > MAX_VERSION) || v[0] > Long.MAX_VALUE - p - v[1]) {
        return MALFORMED;
      }
      p += v[1] + v[0];
    }
    return p;
  }

  /** Decodes a complete inline blob of {@link #requiredLength} bytes. */
  static Strings decode(byte[] b, int len) {
    long[] v = uvarint(b, HEADER, len);
    int p = HEADER + (int) v[1];
    String version = new String(b, p, (int) v[0], StandardCharsets.UTF_8);
    p += (int) v[0];
    long[] m = uvarint(b, p, len);
    p += (int) m[1];
    byte[] mod = Arrays.copyOfRange(b, p, p + (int) m[0]);
    return new Strings(version, unframe(mod));
  }

  /** Strips the sentinels around module info, or gives {@code ""} when they are not there. */
  static String unframe(byte[] mod) {
    int n = mod.length;
    if (n < 2 * SENTINEL + 1 || mod[n - SENTINEL - 1] != '\n') {
      return "";
    }
    return new String(mod, SENTINEL, n - 2 * SENTINEL, StandardCharsets.UTF_8);
  }

  /**
   * Reads a uvarint at {@code b[off, len)}: {value, byteCount}, null when the bytes end first,
   * {-1, 0} when it is longer than 9 bytes (over 63 bits: no real string is that long).
   */
  static long @Nullable [] uvarint(byte[] b, int off, int len) {
    long value = 0;
    for (int i = 0; i < 9; i++) {
      if (off + i >= len) {
        return null;
      }
      int c = b[off + i] & 0xff;
      value |= (long) (c & 0x7f) << (7 * i);
      if (c < 0x80) {
        return new long[] {value, i + 1};
      }
    }
    return new long[] {-1, 0};
  }
}
