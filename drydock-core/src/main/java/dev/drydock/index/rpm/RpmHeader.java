package dev.drydock.index.rpm;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The fields Drydock needs from one rpm header, as the rpm database stores it: the header
 * structure without lead, signature or the 8-byte magic that {@code .rpm} files put before it.
 *
 * <p>Layout (all integers big-endian): {@code il} (index entry count) and {@code dl} (data store
 * length) as 32-bit integers, then {@code il} index entries of 16 bytes ({@code tag}, {@code type},
 * {@code offset} into the data store, {@code count}), then {@code dl} bytes of data. Strings are
 * NUL-terminated UTF-8. Region tags ({@code HEADERIMMUTABLE} …) are ordinary entries here and
 * are simply not looked at.
 *
 * <p>Hand-written: no maintained Java library reads the header blobs of an rpm database.
 *
 * @param epoch the {@code EPOCH} tag, null when the header has none (rpm then treats it as 0)
 * @param arch the {@code ARCH} tag ({@code x86_64}, {@code noarch} …); null for {@code gpg-pubkey}
 * @param sourceRpm the {@code SOURCERPM} tag, e.g. {@code openssl-3.0.7-27.el9.src.rpm}
 * @param modularityLabel the {@code MODULARITYLABEL} tag of packages from a module stream
 * @see <a href="https://rpm-software-management.github.io/rpm/manual/format_header.html">rpm header format</a>
 * @see <a href="https://rpm-software-management.github.io/rpm/manual/tags.html">rpm tags</a>
 */
record RpmHeader(
    String name,
    String version,
    String release,
    @Nullable Long epoch,
    @Nullable String arch,
    @Nullable String sourceRpm,
    @Nullable String license,
    @Nullable String vendor,
    @Nullable String modularityLabel) {

  static final int TAG_NAME = 1000;
  static final int TAG_VERSION = 1001;
  static final int TAG_RELEASE = 1002;
  static final int TAG_EPOCH = 1003;
  static final int TAG_VENDOR = 1011;
  static final int TAG_LICENSE = 1014;
  static final int TAG_ARCH = 1022;
  static final int TAG_SOURCERPM = 1044;
  static final int TAG_MODULARITYLABEL = 5096;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;

  /** rpm's own limit on index entries ({@code hdrchkTags}). */
  private static final long MAX_ENTRIES = 0xffff;

  /** Thrown for a blob that is not a well-formed header; the message says what is wrong. */
  static final class MalformedHeaderException extends Exception {
    MalformedHeaderException(String message) {
      super(message);
    }
  }

  /**
   * Parses a header blob.
   *
   * @throws MalformedHeaderException when the structure is broken or name, version or release
   *     is missing
   */
  static RpmHeader parse(byte[] blob) throws MalformedHeaderException {
    if (blob.length < 8) {
      throw new MalformedHeaderException("header of " + blob.length + " bytes is shorter than its 8-byte preamble");
    }
    long il = u32(blob, 0);
    long dl = u32(blob, 4);
    if (il == 0 || il > MAX_ENTRIES) {
      throw new MalformedHeaderException("header claims " + il + " index entries");
    }
    long dataStart = 8 + il * 16;
    if (dataStart + dl > blob.length) {
      throw new MalformedHeaderException("header claims " + il + " entries and " + dl
          + " data bytes but is only " + blob.length + " bytes long (truncated)");
    }
    Reader r = new Reader(blob, (int) dataStart, (int) dl);
    String name = null;
    String version = null;
    String release = null;
    Long epoch = null;
    String arch = null;
    String sourceRpm = null;
    String license = null;
    String vendor = null;
    String modularityLabel = null;
    for (int i = 0; i < il; i++) {
      int e = 8 + i * 16;
      int tag = (int) u32(blob, e);
      int type = (int) u32(blob, e + 4);
      long offset = u32(blob, e + 8);
      long count = u32(blob, e + 12);
      switch (tag) {
        case TAG_NAME -> name = first(name, r.string(tag, type, offset));
        case TAG_VERSION -> version = first(version, r.string(tag, type, offset));
        case TAG_RELEASE -> release = first(release, r.string(tag, type, offset));
        case TAG_ARCH -> arch = first(arch, r.string(tag, type, offset));
        case TAG_SOURCERPM -> sourceRpm = first(sourceRpm, r.string(tag, type, offset));
        case TAG_LICENSE -> license = first(license, r.string(tag, type, offset));
        case TAG_VENDOR -> vendor = first(vendor, r.string(tag, type, offset));
        case TAG_MODULARITYLABEL -> modularityLabel = first(modularityLabel, r.string(tag, type, offset));
        case TAG_EPOCH -> epoch = epoch != null ? epoch : r.int32(tag, type, offset, count);
        default -> { }
      }
    }
    if (name == null || name.isEmpty()) {
      throw new MalformedHeaderException("header without a NAME");
    }
    if (version == null || version.isEmpty() || release == null || release.isEmpty()) {
      throw new MalformedHeaderException("header of " + name + " without " + (version == null || version.isEmpty()
          ? "a VERSION" : "a RELEASE"));
    }
    return new RpmHeader(name, version, release, epoch, arch, sourceRpm, license, vendor, modularityLabel);
  }

  private static @Nullable String first(@Nullable String seen, String value) {
    return seen != null ? seen : value;
  }

  static long u32(byte[] b, int off) {
    return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
  }

  /** Reads values out of the data store, checking every offset against its bounds. */
  private record Reader(byte[] blob, int start, int length) {

    String string(int tag, int type, long offset) throws MalformedHeaderException {
      if (type != TYPE_STRING && type != TYPE_I18NSTRING && type != TYPE_STRING_ARRAY) {
        throw new MalformedHeaderException("tag " + tag + " has type " + type + ", not a string");
      }
      if (offset >= length) {
        throw new MalformedHeaderException("tag " + tag + " points outside the data store");
      }
      int from = start + (int) offset;
      int end = start + length;
      for (int i = from; i < end; i++) {
        if (blob[i] == 0) {
          // An I18N string or string array holds several strings: the first is the default.
          return new String(blob, from, i - from, StandardCharsets.UTF_8);
        }
      }
      throw new MalformedHeaderException("string of tag " + tag + " is not NUL-terminated");
    }

    Long int32(int tag, int type, long offset, long count) throws MalformedHeaderException {
      if (type != TYPE_INT32 || count < 1) {
        throw new MalformedHeaderException("tag " + tag + " has type " + type + " and count " + count
            + ", not a 32-bit integer");
      }
      if (offset + 4 > length) {
        throw new MalformedHeaderException("tag " + tag + " points outside the data store");
      }
      return u32(blob, start + (int) offset);
    }
  }
}
