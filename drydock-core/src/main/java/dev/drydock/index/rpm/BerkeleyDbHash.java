package dev.drydock.index.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * Reads the values of a Berkeley DB hash database: rpm's {@code Packages} file up to RHEL/CentOS 8
 * and Amazon Linux 2, whose keys are 4-byte header numbers and whose values are header blobs.
 *
 * <p>Hand-written: no maintained Java library reads Berkeley DB files. It follows the on-disk
 * layout of Berkeley DB 4.x/5.x hash databases (hash versions 8–10), the same subset that rpm's
 * own read-only backend reads: the metadata page (magic {@code 0x061561}, whose byte order gives
 * the file's byte order; page size; last page; bucket count; the spares table mapping buckets to
 * pages), then for each bucket its chain of hash pages (types 2 and 13) holding key/data item
 * pairs, inline ({@code H_KEYDATA}) or on chains of overflow pages ({@code H_OFFPAGE}). Pages with
 * checksums (26-byte header plus 6) are read; encrypted databases and duplicate items, which rpm
 * never writes, are reported as unreadable.
 *
 * <p>Reading is page by page with positional reads, so only one page and one header are on the
 * heap. Every page is used at most once, which bounds the work by the file size even when a
 * hostile file links pages into cycles or shares them between items.
 *
 * <p>The metadata page alone says where the buckets are, so damage to it (or to a page link) could
 * hide whole pages of packages. Two cross-checks make such loss visible: each hash page's items
 * must end exactly where the page says its free space ends, and after the buckets every page of
 * the file that no bucket or item reached is looked at. In a consistent database that is a free
 * or never-written page (type 0) or an empty hash page (Berkeley DB extends the file for a new
 * doubling of the table by writing the last page of its range, the page of a bucket beyond
 * max_bucket); a hash page with items there is reported and its items are read anyway, and any
 * other page holding data is reported, since it may belong to a lost package.
 *
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/lib/backend/bdb_ro.c">rpm
 *     lib/backend/bdb_ro.c (rpm's read-only Berkeley DB reader)</a>
 * @see <a href="https://docs.oracle.com/cd/E17276_01/html/programmer_reference/index.html">Berkeley DB
 *     5.3 programmer's reference</a>
 */
final class BerkeleyDbHash {

  static final int HASH_MAGIC = 0x061561;
  private static final int META_SIZE = 512;
  private static final int PAGE_HEADER = 26;
  private static final int CHECKSUM_EXTRA = 6;
  private static final int P_INVALID = 0;
  private static final int P_HASH_UNSORTED = 2;
  private static final int P_OVERFLOW = 7;
  private static final int P_HASH = 13;
  private static final int H_KEYDATA = 1;
  private static final int H_DUPLICATE = 2;
  private static final int H_OFFPAGE = 3;
  private static final int H_OFFDUP = 4;
  private static final int DBMETA_CHKSUM = 0x01;

  private final RandomAccessBytes file;
  private final HeaderBlobVisitor visitor;
  private final int maxValueBytes;
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
  private int pageSize;
  private int headerSize;
  private long lastPage;
  private BitSet used = new BitSet();

  private BerkeleyDbHash(RandomAccessBytes file, HeaderBlobVisitor visitor, int maxValueBytes) {
    this.file = file;
    this.visitor = visitor;
    this.maxValueBytes = maxValueBytes;
  }

  /**
   * Passes every stored header to {@code visitor}; key 0 with a 4-byte value, rpm's counter of
   * the last header number, is skipped. Unreadable buckets, pages and items, and pages that hold
   * data but are reached by no bucket, go to {@link HeaderBlobVisitor#problem}.
   *
   * @throws RpmDbException if the metadata page is unreadable, so nothing can be read
   */
  static void read(RandomAccessBytes file, HeaderBlobVisitor visitor, int maxValueBytes)
      throws IOException, RpmDbException {
    new BerkeleyDbHash(file, visitor, maxValueBytes).read();
  }

  private void read() throws IOException, RpmDbException {
    if (file.size() < META_SIZE) {
      throw new RpmDbException("file of " + file.size() + " bytes is shorter than its metadata page");
    }
    ByteBuffer meta = ByteBuffer.wrap(file.read(0, META_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
    if (meta.getInt(12) != HASH_MAGIC) {
      meta.order(ByteOrder.BIG_ENDIAN);
      if (meta.getInt(12) != HASH_MAGIC) {
        throw new RpmDbException(String.format("not a Berkeley DB hash database (magic 0x%08x)", meta.getInt(12)));
      }
    }
    order = meta.order();
    int version = meta.getInt(16);
    if (version < 8 || version > 10) {
      throw new RpmDbException("unsupported Berkeley DB hash version " + version);
    }
    pageSize = meta.getInt(20);
    if (pageSize < META_SIZE || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      throw new RpmDbException("invalid Berkeley DB page size " + Integer.toUnsignedString(pageSize));
    }
    if (meta.get(24) != 0) {
      throw new RpmDbException("encrypted Berkeley DB database (algorithm " + meta.get(24) + ")");
    }
    headerSize = PAGE_HEADER + ((meta.get(26) & DBMETA_CHKSUM) != 0 ? CHECKSUM_EXTRA : 0);
    lastPage = Integer.toUnsignedLong(meta.getInt(32));
    long maxBucket = Integer.toUnsignedLong(meta.getInt(72));
    long pagesInFile = file.size() / pageSize;
    if (lastPage >= pagesInFile) {
      visitor.problem("file is truncated: its last page is " + lastPage + " of " + pageSize
          + " bytes, but the file holds " + file.size() + " bytes; packages on the missing pages are not reported");
    }
    if (maxBucket > lastPage) {
      throw new RpmDbException("metadata declares " + (maxBucket + 1) + " buckets but only "
          + lastPage + " pages");
    }
    used = new BitSet((int) Math.min(lastPage + 1, pagesInFile + 1));
    long[] spares = new long[32];
    for (int i = 0; i < spares.length; i++) {
      spares[i] = Integer.toUnsignedLong(meta.getInt(96 + 4 * i));
    }
    byte[] page = new byte[pageSize];
    // A bucket's page is never before the bucket's number, so buckets from pagesInFile on lie
    // beyond the end of a truncated file (reported above).
    for (long bucket = 0; bucket <= maxBucket && bucket < pagesInFile; bucket++) {
      // Berkeley DB's BUCKET_TO_PAGE: bucket + spares[ceil(log2(bucket + 1))].
      int splitPoint = 64 - Long.numberOfLeadingZeros(bucket);
      if (splitPoint >= spares.length) {
        throw new RpmDbException("bucket " + bucket + " is beyond the spares table");
      }
      long pgno = bucket + spares[splitPoint];
      try {
        readBucket(pgno, page);
      } catch (RpmDbException e) {
        visitor.problem("bucket " + bucket + ": " + e.getMessage());
      }
    }
    sweep(Math.min(lastPage + 1, pagesInFile), page);
  }

  /**
   * Looks at every page below {@code pageCount} that no bucket chain or overflow item reached.
   * Orphaned hash pages with items are reported and their items read (with the chains they link
   * to); other pages that hold data are reported together. Free and never-written pages (type 0)
   * and empty hash pages are fine: they hold nothing.
   */
  private void sweep(long pageCount, byte[] page) throws IOException {
    for (long pgno = 1; pgno < pageCount; pgno++) {
      if (used.get((int) pgno)) {
        continue;
      }
      file.readFully(pgno * pageSize, page, 0, PAGE_HEADER);
      if (isHash(page) && itemCount(page) > 0 && storedPageNumber(page) == pgno) {
        visitor.problem("hash page " + pgno + " is on no bucket's chain (damaged metadata or page links);"
            + " its items are read anyway");
        try {
          readBucket(pgno, page);
        } catch (RpmDbException e) {
          visitor.problem("unreachable hash page " + pgno + ": " + e.getMessage());
        }
      }
    }
    long unreached = 0;
    long first = 0;
    for (long pgno = 1; pgno < pageCount; pgno++) {
      if (used.get((int) pgno)) {
        continue;
      }
      file.readFully(pgno * pageSize, page, 0, PAGE_HEADER);
      if ((page[25] & 0xff) != P_INVALID && !(isHash(page) && itemCount(page) == 0)) {
        if (unreached == 0) {
          first = pgno;
        }
        unreached++;
      }
    }
    if (unreached > 0) {
      visitor.problem("no bucket or item reaches " + (unreached == 1 ? "page " + first + ", which holds data"
          : unreached + " pages holding data (the first is page " + first + ")")
          + "; packages stored there may be missing");
    }
  }

  /**
   * Reads the chain of hash pages of one bucket, starting at {@code first}. Page 0 is the metadata
   * page, so it ends a chain as a next-page link but is an error as the first page: a bucket
   * always has a page of its own.
   */
  private void readBucket(long first, byte[] page) throws IOException, RpmDbException {
    long pgno = first;
    do {
      if (!readPage(pgno, page)) {
        return; // beyond the end of a truncated file, already reported
      }
      ByteBuffer p = ByteBuffer.wrap(page).order(order);
      int type = page[25] & 0xff;
      // Like rpm's bdb_ro, a page that is not what it should be (including one of zeros, never
      // written or wiped) is an error: it may have held packages.
      checkPage(p, pgno, type == P_HASH || type == P_HASH_UNSORTED, "hash");
      int entries = p.getShort(20) & 0xffff;
      if (entries % 2 != 0 || headerSize + 2L * entries > pageSize) {
        throw new RpmDbException("page " + pgno + " has an invalid item count " + entries);
      }
      int prevOffset = pageSize;
      int freeEnd = p.getShort(22) & 0xffff; // HOFFSET: items are packed from here to the page's end
      for (int i = 0; i < entries; i += 2) {
        int keyOffset = p.getShort(headerSize + 2 * i) & 0xffff;
        int dataOffset = p.getShort(headerSize + 2 * i + 2) & 0xffff;
        int minOffset = headerSize + 2 * entries;
        if (keyOffset < minOffset || keyOffset >= prevOffset || dataOffset < minOffset || dataOffset >= keyOffset) {
          throw new RpmDbException("page " + pgno + " item " + i + " has invalid offsets " + keyOffset + "/" + dataOffset);
        }
        int keyLength = prevOffset - keyOffset;
        prevOffset = dataOffset;
        byte[] key;
        try {
          key = item(p, pgno, keyOffset, keyLength, 64);
        } catch (RpmDbException e) {
          visitor.problem("key of item " + i + " on page " + pgno + ": " + e.getMessage());
          continue;
        }
        if (key.length != 4) {
          visitor.problem("page " + pgno + " item " + i + " has a " + key.length
              + "-byte key, not a 4-byte header number");
          continue;
        }
        long record = Integer.toUnsignedLong(ByteBuffer.wrap(key).order(order).getInt());
        if (record == 0 && (p.get(dataOffset) & 0xff) == H_KEYDATA && keyOffset - dataOffset == 5) {
          continue; // rpm's counter of the last header number used (4 bytes), not a header
        }
        try {
          visitor.header(record, item(p, pgno, dataOffset, keyOffset - dataOffset, maxValueBytes));
        } catch (RpmDbException e) {
          visitor.problem("package header #" + record + " (page " + pgno + ") not read: " + e.getMessage());
        }
      }
      // Berkeley DB keeps a page's items packed, so the last listed one starts where the page says
      // its item area starts; if not, items are missing from the list. HOFFSET has 16 bits: an
      // empty 64 KiB page stores 65536 as 0.
      if ((prevOffset & 0xffff) != freeEnd) {
        visitor.problem("page " + pgno + " lists " + entries / 2 + " items down to offset " + prevOffset
            + ", but its item area starts at offset " + freeEnd + "; items not listed are not read");
      }
      pgno = Integer.toUnsignedLong(p.getInt(16));
    } while (pgno != 0);
  }

  /**
   * One item of a hash page: inline data, or the content of its overflow chain.
   *
   * @throws RpmDbException if the item cannot be read (the page itself may still be fine)
   */
  private byte[] item(ByteBuffer p, long pgno, int offset, int length, int maxBytes) throws IOException, RpmDbException {
    int type = p.get(offset) & 0xff;
    switch (type) {
      case H_KEYDATA -> {
        if (length - 1 > maxBytes) {
          throw tooLarge(length - 1, maxBytes);
        }
        byte[] data = new byte[length - 1];
        p.get(offset + 1, data);
        return data;
      }
      case H_OFFPAGE -> {
        if (length < 12) {
          throw new RpmDbException("truncated overflow reference");
        }
        long first = Integer.toUnsignedLong(p.getInt(offset + 4));
        long total = Integer.toUnsignedLong(p.getInt(offset + 8));
        if (total > maxBytes) {
          claimChain(first);
          throw tooLarge(total, maxBytes);
        }
        return overflow(first, (int) total);
      }
      case H_DUPLICATE, H_OFFDUP -> throw new RpmDbException("duplicate items, which rpm databases never have");
      default -> throw new RpmDbException("item of unknown type " + type);
    }
  }

  /** Reads {@code total} bytes from the chain of overflow pages starting at {@code pgno}. */
  private byte[] overflow(long pgno, int total) throws IOException, RpmDbException {
    if (total > file.size()) {
      throw new RpmDbException("overflow item of " + total + " bytes is larger than the file");
    }
    byte[] out = new byte[total];
    byte[] page = new byte[pageSize];
    int filled = 0;
    while (filled < total) {
      if (pgno == 0) {
        throw new RpmDbException("overflow chain ends after " + filled + " of " + total + " bytes");
      }
      if (!readPage(pgno, page)) {
        throw new RpmDbException("overflow page " + pgno + " is beyond the end of the truncated file");
      }
      ByteBuffer p = ByteBuffer.wrap(page).order(order);
      checkPage(p, pgno, (page[25] & 0xff) == P_OVERFLOW, "overflow");
      int length = p.getShort(22) & 0xffff;
      if (length == 0 || headerSize + length > pageSize || length > total - filled) {
        throw new RpmDbException("overflow page " + pgno + " declares " + length + " bytes");
      }
      System.arraycopy(page, headerSize, out, filled, length);
      filled += length;
      pgno = Integer.toUnsignedLong(p.getInt(16));
    }
    return out;
  }

  /**
   * Marks the overflow chain of an item that is not read (and is reported as such) as used, so the
   * final sweep does not report its pages again. Reads page headers only and stops quietly at the
   * first page that is out of range, already used or not an overflow page.
   */
  private void claimChain(long pgno) throws IOException {
    byte[] header = new byte[PAGE_HEADER];
    while (pgno >= 1 && pgno <= lastPage && (pgno + 1) * pageSize <= file.size() && !used.get((int) pgno)) {
      file.readFully(pgno * pageSize, header, 0, PAGE_HEADER);
      if ((header[25] & 0xff) != P_OVERFLOW || storedPageNumber(header) != pgno) {
        return;
      }
      used.set((int) pgno);
      pgno = Integer.toUnsignedLong(ByteBuffer.wrap(header).order(order).getInt(16));
    }
  }

  /**
   * Reads page {@code pgno}, marking it used. Returns false if the page lies beyond the end of a
   * truncated file; throws if it is out of range or already used (a cycle or a shared page).
   */
  private boolean readPage(long pgno, byte[] page) throws IOException, RpmDbException {
    if (pgno < 1 || pgno > lastPage) {
      throw new RpmDbException("page number " + pgno + " is outside 1.." + lastPage);
    }
    if ((pgno + 1) * pageSize > file.size()) {
      return false;
    }
    if (used.get((int) pgno)) {
      throw new RpmDbException("page " + pgno + " is reached twice (a cycle or a shared page)");
    }
    used.set((int) pgno);
    file.readFully(pgno * pageSize, page, 0, pageSize);
    return true;
  }

  private static RpmDbException tooLarge(long size, int maxBytes) {
    return new RpmDbException("an item of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
  }

  private static boolean isHash(byte[] page) {
    int type = page[25] & 0xff;
    return type == P_HASH || type == P_HASH_UNSORTED;
  }

  private int itemCount(byte[] page) {
    return ByteBuffer.wrap(page, 20, 2).order(order).getShort() & 0xffff;
  }

  private long storedPageNumber(byte[] page) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(page, 8, 4).order(order).getInt());
  }

  private static void checkPage(ByteBuffer p, long pgno, boolean typeOk, String what) throws RpmDbException {
    long stored = Integer.toUnsignedLong(p.getInt(8));
    if (stored != pgno) {
      throw new RpmDbException("page " + pgno + " says it is page " + stored);
    }
    if (!typeOk) {
      throw new RpmDbException("page " + pgno + " has type " + (p.get(25) & 0xff) + ", expected a " + what + " page");
    }
  }
}
