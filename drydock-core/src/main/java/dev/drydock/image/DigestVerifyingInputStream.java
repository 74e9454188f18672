package dev.drydock.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes everything read through it and, on reaching end of stream, compares the hash and the
 * byte count with what the descriptor promised. A mismatch throws {@link DigestMismatchException}
 * from the read that hit the end; consumers that stop early must call {@link #drainAndVerify()}
 * before trusting anything they derived from the content.
 */
public final class DigestVerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final MessageDigest md;
  private long count;
  private boolean verified;

  /** @param expectedSize the descriptor's size, or -1 when unknown */
  public DigestVerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.md = expected.newMessageDigest();
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      verify();
    } else {
      md.update((byte) b);
      count++;
      checkSize();
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n < 0) {
      verify();
    } else if (n > 0) {
      md.update(buf, off, n);
      count += n;
      checkSize();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be hashed too, so skip by reading.
    byte[] buf = new byte[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(left, buf.length));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads to end of stream and verifies. Idempotent. */
  public void drainAndVerify() throws IOException {
    byte[] buf = new byte[65536];
    while (!verified) {
      if (read(buf, 0, buf.length) < 0) {
        break;
      }
    }
  }

  public long bytesRead() {
    return count;
  }

  private void checkSize() throws DigestMismatchException {
    if (expectedSize >= 0 && count > expectedSize) {
      throw new DigestMismatchException(expected, "more than the " + expectedSize + " bytes its descriptor states");
    }
  }

  private void verify() throws DigestMismatchException {
    if (verified) {
      return;
    }
    String actual = expected.algorithm() + ":" + HexFormat.of().formatHex(md.digest());
    if (!actual.equals(expected.toString())) {
      throw new DigestMismatchException(expected, actual);
    }
    if (expectedSize >= 0 && count != expectedSize) {
      throw new DigestMismatchException(expected, count + " bytes instead of " + expectedSize);
    }
    verified = true;
  }
}
