package dev.drydock.index.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Judges a leftover sqlite write-ahead log, {@code rpmdb.sqlite-wal}, found next to an rpm
 * database. {@link SqlitePackages} reads {@code rpmdb.sqlite} on its own (an analyzer sees one file
 * at a time), so transactions that live only in the log are not seen: a package installed or
 * removed there would be missing or stale. sqlite deletes (or empties) the log when the last
 * connection closes cleanly, so a log with frames in it means a writer that never closed.
 *
 * <p>sqlite itself uses a log only from a valid header on: magic {@code 0x377f0682} or {@code
 * 0x377f0683} (whose last bit gives the byte order of the checksums), version 3007000, a page size,
 * salts and a checksum of the first 24 header bytes; then frames of a 24-byte header (page number,
 * database size after a commit, the two salts, a running checksum over the frame header's first 8
 * bytes and the page) followed by the page. This class checks the header and the first frame the
 * same way; a log that fails is one sqlite would ignore too, so reading the database file alone
 * then gives what rpm sees.
 *
 * @see <a href="https://www.sqlite.org/fileformat2.html#the_write_ahead_log">SQLite file format: the
 *     write-ahead log</a>
 */
final class SqliteWal {

  static final int HEADER = 32;
  static final int FRAME_HEADER = 24;
  private static final int MAGIC_LITTLE = 0x377f0682;
  private static final int MAGIC_BIG = 0x377f0683;
  private static final int VERSION = 3007000;
  private static final int MAX_PAGE_SIZE = 65536;

  /** The leading bytes {@link #unread} needs: the header and the first frame of the largest page size. */
  static final int PREFIX = HEADER + FRAME_HEADER + MAX_PAGE_SIZE;

  private SqliteWal() {}

  /**
   * Describes what the database file alone may lack, or returns null when the log holds no valid
   * frame (empty, only a header, or not a valid log), so the database file alone is what sqlite and
   * rpm read too.
   *
   * @param prefix holds the log's first {@code min(size, PREFIX)} bytes at its start
   * @param size the log's full size
   */
  static @Nullable String unread(byte[] prefix, long size) {
    if (size < HEADER + FRAME_HEADER) {
      return null;
    }
    ByteBuffer h = ByteBuffer.wrap(prefix).order(ByteOrder.BIG_ENDIAN);
    int magic = h.getInt(0);
    if ((magic != MAGIC_LITTLE && magic != MAGIC_BIG) || h.getInt(4) != VERSION) {
      return null;
    }
    int pageSize = h.getInt(8);
    if (pageSize == 1) {
      pageSize = MAX_PAGE_SIZE; // the format's encoding of 65536
    }
    if (pageSize < 512 || pageSize > MAX_PAGE_SIZE || Integer.bitCount(pageSize) != 1) {
      return null;
    }
    boolean bigEndianSums = magic == MAGIC_BIG;
    int[] sum = checksum(prefix, 0, 24, new int[2], bigEndianSums);
    if (sum[0] != h.getInt(24) || sum[1] != h.getInt(28)) {
      return null;
    }
    long frameSize = FRAME_HEADER + (long) pageSize;
    if (size < HEADER + frameSize) {
      return null; // not even one whole frame
    }
    int f = HEADER;
    if (h.getInt(f + 8) != h.getInt(16) || h.getInt(f + 12) != h.getInt(20)) {
      return null; // frames left from before the log was restarted
    }
    checksum(prefix, f, 8, sum, bigEndianSums);
    checksum(prefix, f + FRAME_HEADER, pageSize, sum, bigEndianSums);
    if (sum[0] != h.getInt(f + 16) || sum[1] != h.getInt(f + 20)) {
      return null;
    }
    long frames = (size - HEADER) / frameSize;
    return "sqlite write-ahead log holds " + frames + (frames == 1 ? " frame" : " frames") + " of " + pageSize
        + "-byte pages that may not be checkpointed into rpmdb.sqlite, which is read on its own:"
        + " packages installed or removed since the last checkpoint may be missing or stale";
  }

  /** sqlite's WAL checksum over {@code len} bytes (a multiple of 8), continuing from {@code sum}. */
  private static int[] checksum(byte[] b, int off, int len, int[] sum, boolean bigEndian) {
    ByteBuffer buf = ByteBuffer.wrap(b, off, len).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int s0 = sum[0];
    int s1 = sum[1];
    for (int i = off; i < off + len; i += 8) {
      s0 += buf.getInt(i) + s1;
      s1 += buf.getInt(i + 4) + s0;
    }
    sum[0] = s0;
    sum[1] = s1;
    return sum;
  }
}
