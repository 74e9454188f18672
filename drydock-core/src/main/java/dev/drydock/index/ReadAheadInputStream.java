package dev.drydock.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source on a separate thread, ahead of the consumer, through a small bounded queue of
 * chunks. Used to pipeline the stages of a layer read — fetching and hashing the blob,
 * decompressing it, parsing the tar — so that they run on different cores instead of one after
 * the other. Memory is bounded by {@code depth × chunk} bytes.
 *
 * <p>An exception thrown by the source (a digest mismatch at end of stream, a corrupt gzip
 * member) is rethrown to the consumer by the read that reaches it, in order. Closing stops the
 * reader thread and closes the source.
 */
final class ReadAheadInputStream extends InputStream {

  private static final byte[] EOF = new byte[0];

  private final BlockingQueue<Object> queue;
  private final Thread reader;
  private final InputStream source;
  private volatile boolean closed;
  private byte[] current = new byte[0];
  private int pos;
  private boolean done;

  ReadAheadInputStream(InputStream source, int chunk, int depth, String name) {
    this.source = source;
    this.queue = new ArrayBlockingQueue<>(depth);
    this.reader = Thread.ofPlatform().name(name).daemon().unstarted(() -> pump(chunk));
    reader.start();
  }

  private void pump(int chunk) {
    try {
      while (!closed) {
        byte[] buf = new byte[chunk];
        int n = source.readNBytes(buf, 0, chunk);
        if (n > 0) {
          put(n == chunk ? buf : java.util.Arrays.copyOf(buf, n));
        }
        if (n < chunk) {
          put(EOF);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      try {
        put(e);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Object o) throws InterruptedException {
    while (!closed && !queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
      // wait for the consumer, or for close()
    }
  }

  private boolean fill() throws IOException {
    if (done) {
      return false;
    }
    while (pos >= current.length) {
      Object o;
      try {
        o = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading ahead");
      }
      if (o == null) {
        if (closed) {
          throw new IOException("stream closed");
        }
        if (!reader.isAlive() && queue.isEmpty()) {
          throw new IOException("read-ahead thread ended without a result");
        }
        continue;
      }
      if (o == EOF) {
        done = true;
        return false;
      }
      if (o instanceof IOException e) {
        done = true;
        throw e;
      }
      if (o instanceof RuntimeException e) {
        done = true;
        throw e;
      }
      current = (byte[]) o;
      pos = 0;
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    queue.clear();
    reader.interrupt();
    source.close();
  }
}
