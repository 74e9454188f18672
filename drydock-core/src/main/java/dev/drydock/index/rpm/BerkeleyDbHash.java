package dev.drydock.index.rpm;

import java.nio.ByteOrder;

/**
 * Reads the records of a Berkeley DB hash database file, the format of rpm's {@code Packages}
 * database before rpm 4.16 (RHEL/CentOS 7 and 8, Amazon Linux 2, older SUSE).
 *
 * <p>Hand-written: Berkeley DB itself is a C library and no maintained Java library reads its
 * files (Berkeley DB Java Edition has an unrelated format). Only what rpm writes is supported:
 * hash databases (versions 8–10, any page size, either byte order, with or without page
 * checksums, which are not verified), records stored inline or on overflow pages, no duplicates,
 * no encryption.
 *
 * <p>Records are found the way Berkeley DB finds them: bucket by bucket through the meta page's
 * {@code spares} table, following each bucket's chain of pages. Freed or stale pages are never
 * looked at, so deleted packages do not reappear.
 *
 * @see <a href="https://docs.oracle.com/cd/E17276_01/html/programmer_reference/am_conf.html">Berkeley DB access methods</a>
 * @see <a href="https://github.com/berkeleydb/libdb/blob/master/src/dbinc/db_page.h">db_page.h: page and meta-page layout</a>
 */
final class BerkeleyDbHash {

  static final int HASH_MAGIC = 0x061561;
  private static final int BTREE_MAGIC = 0x053162;

  // Page types (db_page.h).
  private static final int P_INVALID = 0;
  private static final int P_HASH_UNSORTED = 2;
  private static final int P_OVERFLOW = 7;
  private static final int P_HASH = 13;

  // Item types on hash pages.
  private static final int H_KEYDATA = 1;
  private static final int H_DUPLICATE = 2;
  private static final int H_OFFPAGE = 3;
  private static final int H_OFFDUP = 4;

  private static final int PAGE_HEADER = 26;
  /** With page checksums on, 2 alignment bytes and a 4-byte checksum follow the page header. */
  private static final int CHECKSUM_HEADER = 6;
  private static final int DBMETA_CHKSUM = 0x01;
  private static final int NCACHED = 32;

  private final byte[] db;
  private final ByteOrder order;
  private final int pageSize;
  private final long pages;
  private final int overhead;
  private final RecordSink sink;

  private BerkeleyDbHash(byte[] db, ByteOrder order, int pageSize, int overhead, RecordSink sink) {
    this.db = db;
    this.order = order;
    this.pageSize = pageSize;
    this.pages = db.length / pageSize;
    this.overhead = overhead;
    this.sink = sink;
  }

  /**
   * Hands every record's value to {@code sink}, except rpm's record 0 (which holds the next
   * package number, not a header).
   *
   * @throws RpmDbException when the file is not a Berkeley DB hash database rpm could have written
   */
  static void read(byte[] db, RecordSink sink) throws RpmDbException {
    if (db.length < 512) {
      throw new RpmDbException("not a Berkeley DB file: only " + db.length + " bytes");
    }
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    long magic = u32(db, 12, order);
    if (magic != HASH_MAGIC && magic != BTREE_MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
      magic = u32(db, 12, order);
    }
    if (magic == BTREE_MAGIC) {
      throw new RpmDbException("Berkeley DB btree databases are not supported (rpm writes hash databases)");
    }
    if (magic != HASH_MAGIC) {
      throw new RpmDbException("not a Berkeley DB hash database (bad magic)");
    }
    long version = u32(db, 16, order);
    if (version < 8 || version > 10) {
      throw new RpmDbException("unsupported Berkeley DB hash version " + version);
    }
    long pageSize = u32(db, 20, order);
    if (pageSize < 512 || pageSize > 65536 || Long.bitCount(pageSize) != 1) {
      throw new RpmDbException("invalid Berkeley DB page size " + pageSize);
    }
    if (db[24] != 0) {
      throw new RpmDbException("encrypted Berkeley DB databases are not supported");
    }
    int overhead = PAGE_HEADER + ((db[26] & DBMETA_CHKSUM) != 0 ? CHECKSUM_HEADER : 0);
    new BerkeleyDbHash(db, order, (int) pageSize, overhead, sink).readBuckets();
  }

  private void readBuckets() throws RpmDbException {
    long lastPage = u32(db, 32, order);
    if (lastPage >= pages) {
      sink.problem("database is truncated: " + db.length + " bytes hold " + pages + " pages, the meta page names "
          + (lastPage + 1));
    }
    long maxBucket = u32(db, 72, order);
    if (maxBucket > lastPage) {
      throw new RpmDbException("meta page claims " + (maxBucket + 1) + " buckets in " + (lastPage + 1) + " pages");
    }
    long[] spares = new long[NCACHED];
    for (int i = 0; i < NCACHED; i++) {
      spares[i] = u32(db, 96 + 4 * i, order);
    }
    // A bucket's first page number is at least the bucket number: buckets from `pages` on would
    // lie past the end of the file (and looping over them would let a forged meta page spin).
    long buckets = Math.min(maxBucket + 1, pages);
    if (buckets <= maxBucket) {
      sink.problem("buckets " + buckets + " to " + maxBucket + " lie past the end of the file (truncated)");
    }
    for (long bucket = 0; bucket < buckets; bucket++) {
      long pgno = bucket + spares[ceilLog2(bucket + 1)];
      if (!readChain(bucket, pgno)) {
        return;
      }
    }
  }

  /** Reads one bucket's chain of hash pages; false when the sink wants no more. */
  private boolean readChain(long bucket, long first) {
    long pgno = first;
    for (long hops = 0; pgno != 0; hops++) {
      if (hops > pages) {
        sink.problem("bucket " + bucket + ": page chain loops");
        return true;
      }
      if (pgno >= pages) {
        sink.problem("bucket " + bucket + ": page " + pgno + " is past the end of the file (truncated)");
        return true;
      }
      int page = (int) (pgno * pageSize);
      int type = db[page + 25] & 0xff;
      if (type == P_INVALID && pgno == first && u32(db, page + 8, order) == 0) {
        return true; // a bucket page never written: an empty bucket
      }
      if (type != P_HASH && type != P_HASH_UNSORTED) {
        sink.problem("bucket " + bucket + ": page " + pgno + " has type " + type + ", not a hash page");
        return true;
      }
      if (!readHashPage(pgno, page)) {
        return false;
      }
      pgno = u32(db, page + 16, order);
    }
    return true;
  }

  private boolean readHashPage(long pgno, int page) {
    int entries = u16(db, page + 20, order);
    if (overhead + 2L * entries > pageSize) {
      sink.problem("page " + pgno + " claims " + entries + " items, more than fit");
      return true;
    }
    for (int i = 0; i + 1 < entries; i += 2) {
      int keyOff = u16(db, page + overhead + 2 * i, order);
      int keyEnd = i == 0 ? pageSize : u16(db, page + overhead + 2 * (i - 1), order);
      int dataOff = u16(db, page + overhead + 2 * (i + 1), order);
      int dataEnd = keyOff;
      if (!itemFits(keyOff, keyEnd) || !itemFits(dataOff, dataEnd)) {
        sink.problem("page " + pgno + ": item " + i + " lies outside the page");
        continue;
      }
      Long key = key(page + keyOff, keyEnd - keyOff);
      if (key != null && key == 0) {
        continue; // rpm's bookkeeping record
      }
      String where = "page " + pgno + " item " + (i + 1);
      byte[] value = value(where, page + dataOff, dataEnd - dataOff);
      if (value != null && !sink.header(key == null ? -1 : key, value)) {
        return false;
      }
    }
    return true;
  }

  private boolean itemFits(int off, int end) {
    return off >= overhead && off < end && end <= pageSize;
  }

  /** rpm's keys are 4-byte package numbers in the database's byte order; null for any other key. */
  private Long key(int at, int len) {
    if ((db[at] & 0xff) != H_KEYDATA || len != 5) {
      return null;
    }
    return u32(db, at + 1, order);
  }

  private byte[] value(String where, int at, int len) {
    int type = db[at] & 0xff;
    switch (type) {
      case H_KEYDATA -> {
        byte[] v = new byte[len - 1];
        System.arraycopy(db, at + 1, v, 0, len - 1);
        return v;
      }
      case H_OFFPAGE -> {
        if (len < 12) {
          sink.problem(where + ": overflow reference is too short");
          return null;
        }
        return overflow(where, u32(db, at + 4, order), u32(db, at + 8, order));
      }
      case H_DUPLICATE, H_OFFDUP -> {
        sink.problem(where + ": duplicate records are not supported (rpm never writes them)");
        return null;
      }
      default -> {
        sink.problem(where + ": unknown item type " + type);
        return null;
      }
    }
  }

  /** Reassembles a value stored across a chain of overflow pages. */
  private byte[] overflow(String where, long first, long total) {
    if (total > db.length) {
      sink.problem(where + ": value claims " + total + " bytes, more than the whole file");
      return null;
    }
    byte[] v = new byte[(int) total];
    int filled = 0;
    long pgno = first;
    for (long hops = 0; pgno != 0 && filled < total; hops++) {
      if (hops > pages || pgno >= pages) {
        sink.problem(where + ": overflow chain " + (hops > pages ? "loops" : "runs past the end of the file (truncated)"));
        return null;
      }
      int page = (int) (pgno * pageSize);
      if ((db[page + 25] & 0xff) != P_OVERFLOW) {
        sink.problem(where + ": page " + pgno + " in its overflow chain is not an overflow page");
        return null;
      }
      int len = u16(db, page + 22, order);
      if (len > pageSize - overhead || len > total - filled) {
        sink.problem(where + ": overflow page " + pgno + " claims " + len + " bytes");
        return null;
      }
      System.arraycopy(db, page + overhead, v, filled, len);
      filled += len;
      pgno = u32(db, page + 16, order);
    }
    if (filled != total) {
      sink.problem(where + ": overflow chain holds " + filled + " of " + total + " bytes");
      return null;
    }
    return v;
  }

  /** Berkeley DB's {@code __db_log2}: the smallest {@code i} with {@code 2^i >= n}. */
  static int ceilLog2(long n) {
    return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
  }

  static long u32(byte[] b, int off, ByteOrder order) {
    long b0 = b[off] & 0xffL;
    long b1 = b[off + 1] & 0xffL;
    long b2 = b[off + 2] & 0xffL;
    long b3 = b[off + 3] & 0xffL;
    return order == ByteOrder.BIG_ENDIAN
        ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
        : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
  }

  static int u16(byte[] b, int off, ByteOrder order) {
    int b0 = b[off] & 0xff;
    int b1 = b[off + 1] & 0xff;
    return order == ByteOrder.BIG_ENDIAN ? (b0 << 8) | b1 : (b1 << 8) | b0;
  }
}
