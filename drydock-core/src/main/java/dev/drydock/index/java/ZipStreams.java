package dev.drydock.index.java;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.zip.ZipException;

/**
 * Stream helpers around commons-compress's streaming zip reader: truncation detection, skipping a
 * launch-script preamble, and the decompression budget.
 *
 * @see <a href="https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT">PKWARE APPNOTE (zip format)</a>
 */
final class ZipStreams {

  /** Local file header signature {@code PK\3\4}, as read big-endian into an int. */
  private static final int LOCAL_HEADER = 0x504B0304;
  /** End of central directory signature {@code PK\5\6}. */
  private static final int END_OF_CENTRAL_DIRECTORY = 0x504B0506;
  /** Split-archive marker {@code PK\7\8} that may precede the first local header. */
  private static final int SPLIT_MARKER = 0x504B0708;

  private ZipStreams() {}

  /** Thrown when an archive (with everything nested in it) decompresses past its budget. */
  static final class BudgetExceeded extends IOException {
    final String path;

    BudgetExceeded(String path, long budget) {
      super("decompressed more than " + budget + " bytes");
      this.path = path;
    }
  }

  /** The bytes an outer archive may decompress, shared by all levels of nesting. */
  static final class Budget {
    private final long limit;
    private long left;

    Budget(long limit) {
      this.limit = limit;
      this.left = limit;
    }

    void charge(long n, String path) throws BudgetExceeded {
      left -= n;
      if (left < 0) {
        throw new BudgetExceeded(path, limit);
      }
    }

    long limit() {
      return limit;
    }
  }

  /** Charges every byte read through it to a budget; close() does not close the source. */
  static final class Charged extends FilterInputStream {
    private final Budget budget;
    private final String path;

    Charged(InputStream in, Budget budget, String path) {
      super(in);
      this.budget = budget;
      this.path = path;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        budget.charge(1, path);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        budget.charge(n, path);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Reading rather than skipping keeps every decompressed byte charged.
      byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
      return buf.length == 0 ? 0 : Math.max(read(buf, 0, buf.length), 0);
    }

    @Override
    public void close() {
      // The entry belongs to the enclosing archive's reader.
    }

    /** Reads to the end of the entry. */
    void drain() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // discard
      }
    }
  }

  /**
   * Watches the raw bytes of an archive for the end-of-central-directory record. The streaming
   * reader reports "no more entries" both when it reached the central directory and when the data
   * simply ran out at an entry boundary; only the first means the archive is whole.
   */
  static final class EndSniffer extends FilterInputStream {
    /** EOCD record (22) + longest comment + the reader's read-ahead. */
    private static final long TAIL = 22 + 65535 + 8192;
    private int window;
    private long count;
    private long lastEnd = -1;

    EndSniffer(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        see(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      for (int i = 0; i < n; i++) {
        see(b[off + i] & 0xff);
      }
      return n;
    }

    private void see(int b) {
      window = (window << 8) | b;
      count++;
      if (window == END_OF_CENTRAL_DIRECTORY) {
        lastEnd = count - 4;
      }
    }

    /** Whether an end-of-central-directory record sits at the end of what was read. */
    boolean endedCleanly() {
      return lastEnd >= 0 && count - lastEnd <= TAIL;
    }

    long count() {
      return count;
    }
  }

  /**
   * Positions a stream at the first local file header, skipping up to {@code maxPreamble} bytes of
   * anything else (a launch script prepended to a "fully executable" Spring Boot jar, for one).
   *
   * @throws ZipException when no local header (or empty-archive record) starts within the limit
   */
  static InputStream skipPreamble(InputStream in, int maxPreamble) throws IOException {
    int window = 0;
    for (long read = 0; read < maxPreamble + 4L; read++) {
      int b = in.read();
      if (b < 0) {
        throw new ZipException(read == 0 ? "empty file" : "not a zip archive (no local file header found)");
      }
      window = (window << 8) | b;
      if (read >= 3 && (window == LOCAL_HEADER || window == END_OF_CENTRAL_DIRECTORY || window == SPLIT_MARKER)) {
        byte[] sig = {(byte) (window >>> 24), (byte) (window >>> 16), (byte) (window >>> 8), (byte) window};
        return new SequenceInputStream(new ByteArrayInputStream(sig), in);
      }
    }
    throw new ZipException("not a zip archive (no local file header in the first " + maxPreamble + " bytes)");
  }
}
