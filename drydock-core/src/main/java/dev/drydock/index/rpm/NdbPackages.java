package dev.drydock.index.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Adler32;

/**
 * Reads rpm's NDB package database, {@code Packages.db} (openSUSE, SLES 15).
 *
 * <p>Hand-written after rpm's {@code lib/backend/ndb/rpmpkg.c}; no Java library reads it. All
 * numbers are little-endian. The file starts with slot pages of 4096 bytes; the first 32 bytes are
 * the database header ({@code RpmP} magic, version 0, generation, number of slot pages, next package
 * index); the rest are 16-byte slots ({@code Slot} magic, package index, block offset, block count;
 * offset 0 marks a free slot). A slot's blob starts at block offset × 16: a 16-byte head
 * ({@code BlbS} magic, package index, timestamp, blob length), the header blob, zero padding to the
 * block size, and a 12-byte tail (Adler-32 of head, blob and padding; blob length; {@code BlbE}
 * magic). Blobs compressed with rpm's optional LZO support are not supported (rpm does not enable
 * it by default) and fail their checks.
 *
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/lib/backend/ndb/rpmpkg.c">rpm
 *     lib/backend/ndb/rpmpkg.c</a>
 */
final class NdbPackages {

  static final int DB_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
  static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
  static final int BLOB_HEAD_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
  static final int BLOB_TAIL_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'E' << 24;
  static final int PAGE_SIZE = 4096;
  static final int SLOT_SIZE = 16;
  static final int BLOCK_SIZE = 16;
  static final int DB_HEADER_SIZE = 32;
  static final int BLOB_HEAD_SIZE = 16;
  static final int BLOB_TAIL_SIZE = 12;
  /** Far beyond any real system (a few thousand packages); bounds the slot list of a hostile file. */
  static final int MAX_SLOTS = 1 << 18;

  private NdbPackages() {}

  private record Slot(long slotNumber, long pkgIdx, long blockOffset, long blockCount) {}

  /**
   * Passes every package blob to {@code visitor}; unreadable slots and blobs go to {@link
   * HeaderBlobVisitor#problem}.
   *
   * @throws RpmDbException if the database header or slot pages are unreadable
   */
  static void read(RandomAccessBytes file, HeaderBlobVisitor visitor, int maxBlobBytes)
      throws IOException, RpmDbException {
    if (file.size() < DB_HEADER_SIZE) {
      throw new RpmDbException("file of " + file.size() + " bytes is shorter than its 32-byte header");
    }
    ByteBuffer header = le(file.read(0, DB_HEADER_SIZE));
    if (header.getInt(0) != DB_MAGIC) {
      throw new RpmDbException(String.format("not an rpm NDB package database (magic 0x%08x)", header.getInt(0)));
    }
    if (header.getInt(4) != 0) {
      throw new RpmDbException("unsupported NDB version " + Integer.toUnsignedString(header.getInt(4)));
    }
    long slotPages = Integer.toUnsignedLong(header.getInt(12));
    if (slotPages == 0 || slotPages * PAGE_SIZE > file.size()) {
      throw new RpmDbException("header declares " + slotPages + " slot pages but the file holds "
          + file.size() + " bytes");
    }
    long fileBlocks = file.size() / BLOCK_SIZE;
    long firstDataBlock = slotPages * (PAGE_SIZE / BLOCK_SIZE);
    List<Slot> slots = new ArrayList<>();
    byte[] page = new byte[PAGE_SIZE];
    scan:
    for (long pageNo = 0; pageNo < slotPages; pageNo++) {
      file.readFully(pageNo * PAGE_SIZE, page, 0, PAGE_SIZE);
      ByteBuffer p = le(page);
      for (int off = pageNo == 0 ? DB_HEADER_SIZE : 0; off < PAGE_SIZE; off += SLOT_SIZE) {
        long slotNumber = (pageNo * PAGE_SIZE + off) / SLOT_SIZE;
        if (p.getInt(off) != SLOT_MAGIC) {
          visitor.problem("slot " + slotNumber + " has no slot magic; skipped");
          continue;
        }
        Slot s = new Slot(slotNumber, u32(p, off + 4), u32(p, off + 8), u32(p, off + 12));
        if (s.blockOffset() == 0) {
          continue; // free slot
        }
        if (s.pkgIdx() == 0 || s.blockCount() == 0 || s.blockOffset() < firstDataBlock
            || s.blockOffset() + s.blockCount() > fileBlocks) {
          visitor.problem("slot " + slotNumber + " (package index " + s.pkgIdx() + ") points to blocks "
              + s.blockOffset() + "+" + s.blockCount() + " outside the data area of the " + file.size()
              + "-byte file; skipped");
          continue;
        }
        if (slots.size() == MAX_SLOTS) {
          visitor.problem("more than " + MAX_SLOTS + " used slots; slot " + slotNumber
              + " and later are skipped");
          break scan;
        }
        slots.add(s);
      }
    }
    // Blobs in file order; overlapping ones are corrupt and skipped, which also bounds the bytes
    // read by the file size.
    slots.sort(Comparator.comparingLong(Slot::blockOffset));
    Set<Long> seen = new HashSet<>();
    long end = firstDataBlock;
    for (Slot s : slots) {
      if (s.blockOffset() < end) {
        visitor.problem("blob of package index " + s.pkgIdx() + " overlaps another blob; skipped");
        continue;
      }
      end = s.blockOffset() + s.blockCount();
      if (!seen.add(s.pkgIdx())) {
        visitor.problem("package index " + s.pkgIdx() + " has more than one slot; the second is skipped");
        continue;
      }
      try {
        visitor.header(s.pkgIdx(), blob(file, s, maxBlobBytes));
      } catch (RpmDbException e) {
        visitor.problem("blob of package index " + s.pkgIdx() + ": " + e.getMessage());
      }
    }
  }

  private static byte[] blob(RandomAccessBytes file, Slot s, int maxBlobBytes) throws IOException, RpmDbException {
    long start = s.blockOffset() * BLOCK_SIZE;
    byte[] head = file.read(start, BLOB_HEAD_SIZE);
    ByteBuffer h = le(head);
    if (h.getInt(0) != BLOB_HEAD_MAGIC) {
      throw new RpmDbException("no blob magic at offset " + start);
    }
    if (u32(h, 4) != s.pkgIdx()) {
      throw new RpmDbException("blob at offset " + start + " belongs to package index " + u32(h, 4));
    }
    long length = u32(h, 12);
    if (length > maxBlobBytes) {
      throw new RpmDbException("blob of " + length + " bytes exceeds the limit of " + maxBlobBytes + " bytes; not read");
    }
    long blocks = (BLOB_HEAD_SIZE + length + BLOB_TAIL_SIZE + BLOCK_SIZE - 1) / BLOCK_SIZE;
    if (blocks != s.blockCount()) {
      throw new RpmDbException("blob of " + length + " bytes does not fill the slot's " + s.blockCount() + " blocks");
    }
    byte[] blob = file.read(start + BLOB_HEAD_SIZE, (int) length);
    int padding = (int) (blocks * BLOCK_SIZE - BLOB_HEAD_SIZE - length - BLOB_TAIL_SIZE);
    byte[] pad = file.read(start + BLOB_HEAD_SIZE + length, padding);
    ByteBuffer tail = le(file.read(start + BLOB_HEAD_SIZE + length + padding, BLOB_TAIL_SIZE));
    if (tail.getInt(8) != BLOB_TAIL_MAGIC || u32(tail, 4) != length) {
      throw new RpmDbException("blob tail does not match its head");
    }
    Adler32 adler = new Adler32();
    adler.update(head);
    adler.update(blob);
    adler.update(pad);
    if (adler.getValue() != u32(tail, 0)) {
      throw new RpmDbException(String.format("Adler-32 checksum mismatch (stored 0x%08x, computed 0x%08x)",
          u32(tail, 0), adler.getValue()));
    }
    return blob;
  }

  private static ByteBuffer le(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static long u32(ByteBuffer b, int off) {
    return Integer.toUnsignedLong(b.getInt(off));
  }
}
