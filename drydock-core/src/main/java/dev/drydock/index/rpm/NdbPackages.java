package dev.drydock.index.rpm;

import java.nio.ByteOrder;
import java.util.zip.Adler32;

/**
 * Reads rpm's NDB package database {@code Packages.db} (rpm's own format, the default on SUSE
 * Linux Enterprise 15 and openSUSE Leap 15).
 *
 * <p>Hand-written: the format exists only in rpm's C sources. All integers are little-endian.
 * The file starts with a 32-byte header ({@code RpmP} magic, version 0, generation, number of
 * slot pages, next package index), followed by slots of 16 bytes ({@code Slot} magic, package
 * index, block offset, block count; block offset 0 marks a free slot) filling the slot pages
 * of 4096 bytes. Each used slot points to a blob in 16-byte blocks: a 16-byte head ({@code BlbS}
 * magic, package index, timestamp, length), the header blob, zero padding and a 12-byte tail
 * (Adler-32 of head, blob and padding; length; {@code BlbE} magic). Blobs whose checksum or
 * framing does not hold are reported, not used.
 *
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/lib/backend/ndb/rpmpkg.c">rpmpkg.c, the format's reference implementation</a>
 */
final class NdbPackages {

  static final long HEADER_MAGIC = magic('R', 'p', 'm', 'P');
  private static final long SLOT_MAGIC = magic('S', 'l', 'o', 't');
  private static final long BLOB_HEAD_MAGIC = magic('B', 'l', 'b', 'S');
  private static final long BLOB_TAIL_MAGIC = magic('B', 'l', 'b', 'E');

  private static final int HEADER_SIZE = 32;
  private static final int SLOT_SIZE = 16;
  private static final int BLOCK = 16;
  private static final int SLOT_PAGE = 4096;
  private static final int BLOB_HEAD = 16;
  private static final int BLOB_TAIL = 12;

  private NdbPackages() {}

  /**
   * Hands every used slot's header blob to {@code sink}.
   *
   * @throws RpmDbException when the file is not an NDB package database of a known version
   */
  static void read(byte[] db, RecordSink sink) throws RpmDbException {
    if (db.length < HEADER_SIZE || u32(db, 0) != HEADER_MAGIC) {
      throw new RpmDbException("not an rpm NDB package database (bad magic)");
    }
    long version = u32(db, 4);
    if (version != 0) {
      throw new RpmDbException("unsupported NDB package database version " + version);
    }
    long slotPages = u32(db, 12);
    if (slotPages == 0 || slotPages * SLOT_PAGE > db.length) {
      throw new RpmDbException("NDB header claims " + slotPages + " slot pages but the file has "
          + db.length + " bytes (truncated?)");
    }
    long firstBlobBlock = slotPages * (SLOT_PAGE / BLOCK);
    long fileBlocks = db.length / BLOCK;
    for (int at = HEADER_SIZE; at < slotPages * SLOT_PAGE; at += SLOT_SIZE) {
      int slot = at / SLOT_SIZE;
      if (u32(db, at) != SLOT_MAGIC) {
        sink.problem("slot " + slot + " is corrupt (bad magic)");
        continue;
      }
      long pkgIdx = u32(db, at + 4);
      long blkOff = u32(db, at + 8);
      long blkCnt = u32(db, at + 12);
      if (blkOff == 0) {
        continue; // free slot
      }
      if (pkgIdx == 0 || blkOff < firstBlobBlock || blkCnt * BLOCK < BLOB_HEAD + BLOB_TAIL) {
        sink.problem("slot " + slot + " is corrupt (package " + pkgIdx + " at block " + blkOff + ", " + blkCnt + " blocks)");
        continue;
      }
      if (blkOff + blkCnt > fileBlocks) {
        sink.problem("package " + pkgIdx + " lies past the end of the file (truncated)");
        continue;
      }
      byte[] blob = blob(db, pkgIdx, (int) (blkOff * BLOCK), (int) (blkCnt * BLOCK), sink);
      if (blob != null && !sink.header(pkgIdx, blob)) {
        return;
      }
    }
  }

  private static byte[] blob(byte[] db, long pkgIdx, int start, int size, RecordSink sink) {
    String what = "package " + pkgIdx + ": ";
    if (u32(db, start) != BLOB_HEAD_MAGIC || u32(db, start + 4) != pkgIdx) {
      sink.problem(what + "blob head is corrupt");
      return null;
    }
    long len = u32(db, start + 12);
    if ((BLOB_HEAD + len + BLOB_TAIL + BLOCK - 1) / BLOCK * BLOCK != size) {
      sink.problem(what + "blob length " + len + " does not match its slot of " + size + " bytes");
      return null;
    }
    int tail = start + size - BLOB_TAIL;
    Adler32 adler = new Adler32();
    adler.update(db, start, size - BLOB_TAIL);
    if (u32(db, tail + 4) != len || u32(db, tail + 8) != BLOB_TAIL_MAGIC) {
      sink.problem(what + "blob tail is corrupt");
      return null;
    }
    if (u32(db, tail) != adler.getValue()) {
      sink.problem(what + "blob checksum mismatch");
      return null;
    }
    byte[] blob = new byte[(int) len];
    System.arraycopy(db, start + BLOB_HEAD, blob, 0, (int) len);
    return blob;
  }

  private static long magic(char a, char b, char c, char d) {
    return a | (long) b << 8 | (long) c << 16 | (long) d << 24;
  }

  private static long u32(byte[] b, int off) {
    return BerkeleyDbHash.u32(b, off, ByteOrder.LITTLE_ENDIAN);
  }
}
