package dev.drydock.index.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Collects one file's bytes with bounded heap: up to {@link RpmLimits#memoryBytes()} in an array,
 * beyond that in an owner-only temporary file, and nothing beyond {@link
 * RpmLimits#maxDatabaseBytes()} (the spool then records a failure and drops what it held). The
 * size cap comes first: a file whose declared size is already over it is refused before its first
 * byte (nothing is buffered or written to disk), and one that grows past it is refused as soon as
 * it does, so no over-size database ever reaches a parser.
 *
 * <p>{@link #write} never throws: an I/O failure is recorded and reported by {@link #failure()}.
 * On POSIX systems the temporary file is unlinked as soon as it is opened, so nothing is left on
 * disk even if the caller abandons the spool without {@link #close()}; elsewhere {@link #close()}
 * deletes it.
 */
final class Spool implements AutoCloseable {

  private final RpmLimits limits;
  private byte @Nullable [] memory;
  private int memoryLength;
  private @Nullable FileChannel channel;
  private @Nullable Path namedFile;
  private long seen;
  private @Nullable String failure;

  /**
   * @param sizeHint the file's declared size (a tar entry's size), or 0 if unknown; over {@link
   *     RpmLimits#maxDatabaseBytes()}, the spool fails at once
   */
  Spool(long sizeHint, RpmLimits limits) {
    this.limits = limits;
    if (sizeHint > limits.maxDatabaseBytes()) {
      this.memory = null;
      this.failure = tooLarge();
      return;
    }
    this.memory = new byte[(int) Math.min(Math.max(sizeHint, 0), Math.min(limits.memoryBytes(), 1 << 20))];
  }

  /** Appends bytes; after a failure, only counts them. */
  void write(byte[] b, int off, int len) {
    seen += len;
    if (failure != null) {
      return;
    }
    if (seen > limits.maxDatabaseBytes()) {
      fail(tooLarge());
      return;
    }
    if (channel == null && seen <= limits.memoryBytes()) {
      byte[] m = memory;
      if (memoryLength + len > m.length) {
        m = memory = Arrays.copyOf(m, (int) Math.min(limits.memoryBytes(), Math.max(2L * m.length, memoryLength + (long) len)));
      }
      System.arraycopy(b, off, m, memoryLength, len);
      memoryLength += len;
      return;
    }
    try {
      if (channel == null) {
        openFile();
        writeAll(memory, 0, memoryLength);
        memory = null;
        memoryLength = 0;
      }
      writeAll(b, off, len);
    } catch (IOException | RuntimeException e) {
      fail("could not spool it to a temporary file: " + e);
    }
  }

  /** Bytes written so far (all of them, also those past a failure). */
  long size() {
    return seen;
  }

  /** Why the content is unusable, or null. */
  @Nullable String failure() {
    return failure;
  }

  /** The bytes written; valid until {@link #close()}. Only when there was no failure. */
  RandomAccessBytes contents() {
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    FileChannel c = channel;
    return c == null ? new RandomAccessBytes.InMemory(memory, memoryLength) : new RandomAccessBytes.OnDisk(c, seen);
  }

  /** Writes the bytes to {@code target}, which must not exist yet. */
  void copyTo(Path target) throws IOException {
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      FileChannel c = channel;
      if (c == null) {
        ByteBuffer buf = ByteBuffer.wrap(memory, 0, memoryLength);
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        return;
      }
      long pos = 0;
      while (pos < seen) {
        long n = c.transferTo(pos, seen - pos, out);
        if (n <= 0) {
          throw new IOException("spool file shorter than the " + seen + " bytes written");
        }
        pos += n;
      }
    }
  }

  @Override
  public void close() {
    memory = null;
    FileChannel c = channel;
    channel = null;
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // nothing left to do: the data is no longer needed
      }
    }
    Path f = namedFile;
    namedFile = null;
    if (f != null) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        f.toFile().deleteOnExit();
      }
    }
  }

  private String tooLarge() {
    return "more than " + limits.maxDatabaseBytes() + " bytes, the limit for an rpm database";
  }

  private void fail(String why) {
    failure = why;
    close();
  }

  private void openFile() throws IOException {
    Path f = Files.createTempFile(limits.tempDir(), "drydock-rpm-", ".spool", ownerOnly(limits.tempDir(), false));
    try {
      channel = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(f);
      throw e;
    }
    try {
      Files.delete(f); // POSIX: the open channel keeps the (now nameless) file
    } catch (IOException e) {
      namedFile = f; // e.g. Windows: deleted by close()
    }
  }

  private void writeAll(byte[] b, int off, int len) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(b, off, len);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  /** Owner-only permissions where the file system has POSIX permissions, else none (the default ACL). */
  static FileAttribute<?>[] ownerOnly(Path dir, boolean directory) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"))
    };
  }
}
