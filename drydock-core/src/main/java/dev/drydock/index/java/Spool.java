package dev.drydock.index.java;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.EnumSet;
import org.jspecify.annotations.Nullable;

/**
 * Holds the bytes of one file pushed by the layer walker so they can be read back as a stream:
 * in memory up to a threshold, then in a temporary file. The file is opened with {@link
 * StandardOpenOption#DELETE_ON_CLOSE}, which on Linux unlinks it at once, so nothing is left on
 * disk even when the spool is never closed (the descriptor is released when the channel is
 * closed or collected).
 */
final class Spool implements Closeable {

  private final long memoryLimit;
  private byte[] memory;
  private int memoryLength;
  private @Nullable SeekableByteChannel file;
  private long size;

  /**
   * @param memoryLimit bytes kept on the heap before spilling to disk
   * @param expectedSize the announced size, to size the first buffer (may be wrong or 0)
   */
  Spool(long memoryLimit, long expectedSize) {
    this.memoryLimit = memoryLimit;
    this.memory = new byte[(int) Math.max(1024, Math.min(Math.max(expectedSize, 0), Math.min(memoryLimit, 1 << 20)))];
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (file == null && memoryLength + (long) len <= memoryLimit) {
      if (memoryLength + len > memory.length) {
        long grown = Math.max((long) memory.length * 2, memoryLength + (long) len);
        memory = Arrays.copyOf(memory, (int) Math.min(grown, memoryLimit));
      }
      System.arraycopy(b, off, memory, memoryLength, len);
      memoryLength += len;
    } else {
      if (file == null) {
        spill();
      }
      ByteBuffer buf = ByteBuffer.wrap(b, off, len);
      while (buf.hasRemaining()) {
        file.write(buf);
      }
    }
    size += len;
  }

  long size() {
    return size;
  }

  /** A stream over everything written so far, from the first byte. Only one may be open at a time. */
  InputStream open() throws IOException {
    if (file == null) {
      return new ByteArrayInputStream(memory, 0, memoryLength);
    }
    file.position(0);
    InputStream channel = Channels.newInputStream(file);
    return new BufferedInputStream(new java.io.FilterInputStream(channel) {
      @Override
      public void close() {
        // The spool owns the channel.
      }
    }, 64 * 1024);
  }

  private void spill() throws IOException {
    Path p = Files.createTempFile("drydock-java-", ".spool");
    try {
      file = Files.newByteChannel(p, EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
          StandardOpenOption.DELETE_ON_CLOSE));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(p);
      throw e;
    }
    ByteBuffer buf = ByteBuffer.wrap(memory, 0, memoryLength);
    while (buf.hasRemaining()) {
      file.write(buf);
    }
    memory = new byte[0];
    memoryLength = 0;
  }

  @Override
  public void close() throws IOException {
    memory = new byte[0];
    if (file != null) {
      file.close();
      file = null;
    }
  }
}
