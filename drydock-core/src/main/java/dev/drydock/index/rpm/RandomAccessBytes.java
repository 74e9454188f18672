package dev.drydock.index.rpm;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A file's bytes, readable at any position: either a small array or an open file channel, so a
 * large database is read page by page instead of being held on the heap.
 */
sealed interface RandomAccessBytes permits RandomAccessBytes.InMemory, RandomAccessBytes.OnDisk {

  /** The number of bytes. */
  long size();

  /**
   * Reads exactly {@code len} bytes at {@code pos} into {@code dst[off..off+len)}.
   *
   * @throws EOFException if the bytes end before {@code pos + len}
   */
  void readFully(long pos, byte[] dst, int off, int len) throws IOException;

  /** Reads exactly {@code len} bytes at {@code pos} into a new array. */
  default byte[] read(long pos, int len) throws IOException {
    if (len < 0 || pos < 0 || pos > size() - len) {
      throw new EOFException("cannot read " + len + " bytes at offset " + pos + " of a " + size() + "-byte file");
    }
    byte[] out = new byte[len];
    readFully(pos, out, 0, len);
    return out;
  }

  /** The first {@code length} bytes of an array (not copied: the owner must not change it). */
  record InMemory(byte[] bytes, int length) implements RandomAccessBytes {
    public InMemory {
      Objects.checkFromIndexSize(0, length, bytes.length);
    }

    @Override
    public long size() {
      return length;
    }

    @Override
    public void readFully(long pos, byte[] dst, int off, int len) throws IOException {
      if (pos < 0 || len < 0 || pos > length - (long) len) {
        throw new EOFException("cannot read " + len + " bytes at offset " + pos + " of a " + length + "-byte file");
      }
      System.arraycopy(bytes, (int) pos, dst, off, len);
    }
  }

  /** A file channel of a known size; positional reads, so the channel's position is never used. */
  record OnDisk(FileChannel channel, long size) implements RandomAccessBytes {
    public OnDisk {
      Objects.requireNonNull(channel);
      if (size < 0) {
        throw new IllegalArgumentException("negative size " + size);
      }
    }

    @Override
    public void readFully(long pos, byte[] dst, int off, int len) throws IOException {
      if (pos < 0 || len < 0 || pos > size - len) {
        throw new EOFException("cannot read " + len + " bytes at offset " + pos + " of a " + size + "-byte file");
      }
      ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos + (buf.position() - off));
        if (n < 0) {
          throw new EOFException("file ended at offset " + (pos + buf.position() - off));
        }
      }
    }
  }
}
