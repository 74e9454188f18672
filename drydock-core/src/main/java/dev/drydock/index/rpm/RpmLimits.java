package dev.drydock.index.rpm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Bounds on what {@link RpmAnalyzer} keeps and reads, whatever the database holds.
 *
 * @param memoryBytes a database up to this size is kept on the heap; a larger one is spooled to a
 *     temporary file and read from there with positional reads
 * @param maxDatabaseBytes a larger database is not analysed (an incomplete diagnostic says so)
 * @param maxHeaderBytes a larger package header (one record) is not read (a diagnostic names it);
 *     real headers stay below a few MiB
 * @param tempDir where spool files and the private directory for sqlite are created
 */
public record RpmLimits(int memoryBytes, long maxDatabaseBytes, int maxHeaderBytes, Path tempDir) {

  /** 4 MiB on the heap, 2 GiB per database, 64 MiB per header, in {@code java.io.tmpdir}. */
  public static RpmLimits defaults() {
    return new RpmLimits(4 << 20, 2L << 30, 64 << 20, Path.of(System.getProperty("java.io.tmpdir")));
  }

  public RpmLimits {
    if (memoryBytes < 0 || maxDatabaseBytes < 0 || maxHeaderBytes < 8) {
      throw new IllegalArgumentException("invalid rpm limits");
    }
    Objects.requireNonNull(tempDir);
  }
}
