package dev.drydock.index.rpm;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The tags of one installed package's header that Drydock reports.
 *
 * <p>Parses the header blob as rpm stores it in its databases: no lead, no signature, no header
 * magic; a big-endian index count {@code il} and data length {@code dl}, {@code il} 16-byte index
 * entries (tag, type, offset, count, all big-endian) and a {@code dl}-byte data store. Hand-written:
 * no maintained Java library reads rpm headers. Every value read is bounds-checked against the data
 * store, and nothing is allocated from a count in the blob, so a corrupt header costs at most its
 * own size and becomes an {@link RpmDbException}.
 *
 * @param epoch unsigned, as rpm prints it; null when the header has no EPOCH tag
 * @param modularityLabel the MODULARITYLABEL tag ({@code name:stream:version:context}) of packages
 *     built for a RHEL/Fedora module stream; null for all others
 * @see <a href="https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/pkgformat.html">LSB:
 *     RPM package file format (header structure, index types)</a>
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/lib/header.c">rpm lib/header.c
 *     (hdrblobInit: the limits on il and dl)</a>
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

  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int VENDOR = 1011;
  static final int LICENSE = 1014;
  static final int ARCH = 1022;
  static final int SOURCERPM = 1044;
  static final int MODULARITYLABEL = 5096;

  static final int TYPE_INT32 = 4;
  static final int TYPE_STRING = 6;
  static final int TYPE_STRING_ARRAY = 8;
  static final int TYPE_I18NSTRING = 9;
  private static final int TYPE_MAX = 9;
  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 1, 1}; // strings: at least 1 byte each

  /** rpm's own bounds (HEADER_TAGS_MAX, HEADER_DATA_MAX in header_internal.h). */
  private static final long MAX_TAGS = 0xffff;
  private static final long MAX_DATA = 0x0fffffff;

  /** The fixed-size part: il and dl. */
  private static final int PREAMBLE = 8;
  private static final int ENTRY = 16;

  RpmHeader {
    if (name.isEmpty() || version.isEmpty() || release.isEmpty()) {
      throw new IllegalArgumentException("rpm header without name, version or release");
    }
  }

  /** Epoch-qualified version as rpm and distributions write it: {@code E:V-R}, or {@code V-R} for no or zero epoch. */
  String evr() {
    String vr = version + "-" + release;
    return epoch == null || epoch == 0 ? vr : epoch + ":" + vr;
  }

  /**
   * Parses a stored header blob.
   *
   * @throws RpmDbException when the blob is not a well-formed header or lacks NAME, VERSION or RELEASE
   */
  static RpmHeader parse(byte[] blob) throws RpmDbException {
    if (blob.length < PREAMBLE) {
      throw new RpmDbException("header of " + blob.length + " bytes is shorter than its 8-byte preamble");
    }
    long il = u32(blob, 0);
    long dl = u32(blob, 4);
    if (il > MAX_TAGS) {
      throw new RpmDbException("header declares " + il + " index entries, more than rpm's limit of " + MAX_TAGS);
    }
    if (dl > MAX_DATA) {
      throw new RpmDbException("header declares " + dl + " data bytes, more than rpm's limit of " + MAX_DATA);
    }
    long expected = PREAMBLE + il * ENTRY + dl;
    if (expected != blob.length) {
      throw new RpmDbException("header declares " + il + " index entries and " + dl + " data bytes (" + expected
          + " bytes in all) but the record holds " + blob.length + " bytes");
    }
    int store = (int) (PREAMBLE + il * ENTRY);
    int dataLength = (int) dl;
    String[] strings = new String[SOURCERPM - NAME + 1];
    String modularityLabel = null;
    Long epoch = null;
    for (int i = 0; i < il; i++) {
      int e = PREAMBLE + i * ENTRY;
      long tag = u32(blob, e);
      long type = u32(blob, e + 4);
      long offset = u32(blob, e + 8);
      long count = u32(blob, e + 12);
      if (type > TYPE_MAX) {
        throw new RpmDbException("index entry " + i + " (tag " + tag + ") has unknown type " + type);
      }
      if (count > 0 && offset >= dataLength) {
        throw new RpmDbException("index entry " + i + " (tag " + tag + ") has data offset " + offset
            + " outside the " + dataLength + "-byte data store");
      }
      if (count * TYPE_SIZES[(int) type] > dataLength - offset) {
        throw new RpmDbException("index entry " + i + " (tag " + tag + ") of " + count + " values at offset "
            + offset + " overruns the " + dataLength + "-byte data store");
      }
      if (tag == EPOCH) {
        if (type != TYPE_INT32 || count < 1) {
          throw new RpmDbException("EPOCH tag has type " + type + " and count " + count + ", expected INT32");
        }
        epoch = epoch != null ? epoch : u32(blob, store + (int) offset);
      } else if (tag >= NAME && tag <= SOURCERPM && isReported((int) tag) && strings[(int) tag - NAME] == null) {
        if (type != TYPE_STRING && type != TYPE_I18NSTRING && type != TYPE_STRING_ARRAY || count < 1) {
          throw new RpmDbException("tag " + tag + " has type " + type + " and count " + count + ", expected a string");
        }
        strings[(int) tag - NAME] = string(blob, store, dataLength, (int) offset, tag);
      } else if (tag == MODULARITYLABEL && modularityLabel == null) {
        if (type != TYPE_STRING || count != 1) {
          throw new RpmDbException("MODULARITYLABEL tag has type " + type + " and count " + count + ", expected a string");
        }
        modularityLabel = string(blob, store, dataLength, (int) offset, tag);
      }
    }
    String name = required(strings, NAME, "NAME");
    String version = required(strings, VERSION, "VERSION");
    String release = required(strings, RELEASE, "RELEASE");
    return new RpmHeader(name, version, release, epoch, strings[ARCH - NAME], strings[SOURCERPM - NAME],
        strings[LICENSE - NAME], strings[VENDOR - NAME], modularityLabel);
  }

  private static boolean isReported(int tag) {
    return switch (tag) {
      case NAME, VERSION, RELEASE, VENDOR, LICENSE, ARCH, SOURCERPM -> true;
      default -> false;
    };
  }

  private static String required(String[] strings, int tag, String tagName) throws RpmDbException {
    String s = strings[tag - NAME];
    if (s == null || s.isEmpty()) {
      throw new RpmDbException("header has no " + tagName + " tag");
    }
    return s;
  }

  /** The NUL-terminated string at {@code offset} of the data store (the first one, for arrays). */
  private static String string(byte[] blob, int store, int dataLength, int offset, long tag) throws RpmDbException {
    int start = store + offset;
    int end = store + dataLength;
    for (int i = start; i < end; i++) {
      if (blob[i] == 0) {
        return new String(blob, start, i - start, StandardCharsets.UTF_8);
      }
    }
    throw new RpmDbException("string of tag " + tag + " at offset " + offset + " is not terminated within the data store");
  }

  private static long u32(byte[] b, int off) {
    return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
  }
}
