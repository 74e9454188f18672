package dev.drydock.index;

import java.io.ByteArrayOutputStream;

/**
 * An analyzer that needs a whole file in memory (package databases, manifests). Files larger
 * than {@link #maxBytes()} are not analysed and say so in an {@link Diagnostic.Kind#INCOMPLETE}
 * diagnostic. Subclasses implement {@link #analyze(String, byte[])}, which tests call directly
 * with fixture files.
 */
public abstract class BufferedAnalyzer implements Analyzer {

  /** The default cap: generous for any package database, small enough for many in parallel. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** The largest file this analyzer buffers. */
  protected long maxBytes() {
    return DEFAULT_MAX_BYTES;
  }

  /**
   * Parses one file. Must not throw for malformed content: report what could be read and put the
   * rest into diagnostics. Unchecked exceptions are caught by the caller and recorded as a failure.
   */
  public abstract AnalysisResult analyze(String path, byte[] content);

  @Override
  public FileSink open(FileEntry entry) {
    long cap = maxBytes();
    return new FileSink() {
      private final ByteArrayOutputStream buf =
          new ByteArrayOutputStream((int) Math.min(Math.max(entry.size(), 0), Math.min(cap, 1 << 20)));
      private long seen;

      @Override
      public void write(byte[] b, int off, int len) {
        seen += len;
        if (seen <= cap) {
          buf.write(b, off, len);
        }
      }

      @Override
      public AnalysisResult finish() {
        if (seen > cap) {
          return AnalysisResult.failed(Diagnostic.incomplete(
              "not analysed: " + seen + " bytes exceeds the " + cap + "-byte limit of analyzer " + name(),
              entry.path(), name()));
        }
        try {
          return analyze(entry.path(), buf.toByteArray());
        } catch (RuntimeException e) {
          return AnalysisResult.failed(Diagnostic.incomplete(
              "analyzer " + name() + " failed: " + e, entry.path(), name()));
        }
      }
    };
  }
}
