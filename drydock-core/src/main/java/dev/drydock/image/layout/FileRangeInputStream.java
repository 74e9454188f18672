package dev.drydock.image.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a byte range of a file with positional reads on its own channel, so several ranges of
 * one archive can be read in parallel. Used for blobs inside uncompressed tar archives.
 */
final class FileRangeInputStream extends InputStream {
  private final FileChannel channel;
  private long position;
  private final long end;

  FileRangeInputStream(Path file, long offset, long length) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.position = offset;
    this.end = offset + length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= end) {
      return -1;
    }
    int want = (int) Math.min(len, end - position);
    int n = channel.read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      throw new java.io.EOFException("archive ends before the entry does");
    }
    position += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
