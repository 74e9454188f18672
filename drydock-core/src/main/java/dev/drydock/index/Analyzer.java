package dev.drydock.index;

/**
 * Finds facts (packages, the OS …) in the files of a layer. The layer walker reads each tar entry
 * once and feeds its bytes to every analyzer that wants it, so adding an analyzer adds no pass
 * over the layer.
 *
 * <p>An analyzer's {@link #name()} and {@link #version()} are part of the layer-cache key: bump
 * the version whenever the analyzer would produce a different result for the same bytes.
 *
 * <p>Analyzers are stateless and shared between threads; per-file state lives in the {@link
 * FileSink} that {@link #open} returns.
 */
public interface Analyzer {

  /** Stable name, e.g. {@code dpkg}. */
  String name();

  /** Version of this analyzer's output format and logic. */
  int version();

  /**
   * Whether this analyzer wants the content of a regular file. Called for every regular file of
   * every layer, so it must be cheap (a path comparison, not a regex over the whole path when
   * avoidable).
   */
  boolean wants(FileEntry entry);

  /** Starts analysing one wanted file. */
  FileSink open(FileEntry entry);

  /**
   * Receives one file's bytes in order, then is asked for its result. Implementations must bound
   * the memory they keep, whatever the file's size.
   */
  interface FileSink {
    void write(byte[] buf, int off, int len) throws java.io.IOException;

    /** Called once after the last byte. A failure belongs in the result's diagnostics. */
    AnalysisResult finish();
  }
}
