package dev.drydock.index;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports the number of bytes read, in chunks of at least 256 KiB, to a progress callback. */
final class ProgressInputStream extends FilterInputStream {
  private static final long STEP = 256 * 1024;
  private final LongConsumer sink;
  private long pending;

  ProgressInputStream(InputStream in, LongConsumer sink) {
    super(in);
    this.sink = sink;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      add(1);
    } else {
      flush();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      add(n);
    } else if (n < 0) {
      flush();
    }
    return n;
  }

  private void add(long n) {
    pending += n;
    if (pending >= STEP) {
      flush();
    }
  }

  private void flush() {
    if (pending > 0) {
      sink.accept(pending);
      pending = 0;
    }
  }
}
