package dev.drydock.index.java;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Finds Maven artifacts in Java archives: {@code .jar}, {@code .war}, {@code .ear}, {@code .jpi},
 * {@code .hpi}, {@code .par} (any case), and in the archives nested in them ({@code
 * WEB-INF/lib/*.jar} of a war, {@code BOOT-INF/lib/*.jar} of a Spring Boot jar, the modules of
 * an ear), reported with paths such as {@code app.war!/WEB-INF/lib/x.jar}.
 *
 * <p>In each archive:
 * <ol>
 *   <li>every {@code META-INF/maven/<groupId>/<artifactId>/pom.properties} is a package
 *       ({@code source=pom.properties}): a shaded or fat jar holds its own and those of the
 *       libraries copied into it, and all of them are on the classpath;
 *   <li>when none of those describes the archive itself (none matches the file name or the
 *       manifest's version), the archive is identified from {@code META-INF/MANIFEST.MF}
 *       ({@code source=manifest}) or its file name {@code name-1.2.3.jar} ({@code
 *       source=filename}); see {@link ArchiveMetadata#identify};
 *   <li>the same coordinates are reported once per archive.
 * </ol>
 * An archive in which nothing at all is found gets a warning, one that cannot be read (corrupt,
 * truncated, encrypted, over a limit) an {@link Diagnostic.Kind#INCOMPLETE} diagnostic naming it
 * and the entry concerned; whatever was read before the damage is still reported.
 *
 * <p><b>Why streaming.</b> The walker pushes a file's bytes; they are spooled (heap up to {@link
 * Limits#memoryBytes}, then an already-unlinked temporary file) and read once, front to back,
 * with commons-compress's {@link org.apache.commons.compress.archivers.zip.ZipArchiveInputStream}
 * rather than random access through {@code ZipFile}: nested archives are read straight from their
 * parent's entry stream without being extracted anywhere; memory stays constant whatever the
 * number of entries ({@code ZipFile} keeps every central-directory record on the heap, millions
 * for a hostile archive); and a truncated archive still yields what precedes the damage. The
 * price: local headers rather than the central directory are trusted (a crafted archive could
 * list different entries to the JVM), entries whose size sits in a data descriptor must be
 * inflated to be skipped, and truncation is detected by watching for the end-of-central-directory
 * record. Every decompressed byte, at every level, is charged to one budget per outer archive
 * ({@link Limits}), which stops zip bombs; nesting is cut at {@link Limits#maxDepth}.
 *
 * <p>Thread-safe and stateless; per-file state lives in the sink.
 *
 * @see <a href="https://maven.apache.org/shared/maven-archiver/">Maven Archiver</a>
 * @see <a href="https://docs.oracle.com/en/java/javase/21/docs/specs/jar/jar.html">JAR file specification</a>
 * @see <a href="https://docs.spring.io/spring-boot/specification/executable-jar/nested-jars.html">Spring Boot nested jars</a>
 */
public final class JavaArchiveAnalyzer implements Analyzer {

  /**
   * Bounds on one outer archive.
   *
   * @param maxArchiveBytes largest archive analysed; larger ones get an incomplete diagnostic
   * @param memoryBytes archive bytes kept on the heap before spooling to a temporary file
   * @param maxDepth how many archives deep nesting is followed ({@code a.war!/b.jar} is 1)
   * @param maxInflatedBytes most bytes decompressed for one outer archive, all levels together
   * @param inflationRatio the budget is also at most this many times the archive's size...
   * @param inflationGraceBytes ...but never less than this
   * @param maxMetadataBytes largest pom.properties or manifest read
   * @param maxPackages most packages reported for one outer archive
   * @param maxDiagnostics most diagnostics reported for one outer archive (then a count)
   */
  public record Limits(long maxArchiveBytes, int memoryBytes, int maxDepth, long maxInflatedBytes, long inflationRatio,
      long inflationGraceBytes, int maxMetadataBytes, int maxPackages, int maxDiagnostics) {
    public static final Limits DEFAULT =
        new Limits(512L << 20, 8 << 20, 4, 4L << 30, 100, 256L << 20, 1 << 20, 10_000, 100);

    public Limits {
      if (maxArchiveBytes < 0 || memoryBytes < 0 || maxDepth < 0 || maxInflatedBytes < 0 || inflationRatio < 1
          || inflationGraceBytes < 0 || maxMetadataBytes < 0 || maxPackages < 0 || maxDiagnostics < 0) {
        throw new IllegalArgumentException("negative limit: " + this);
      }
    }
  }

  private final Limits limits;

  public JavaArchiveAnalyzer() {
    this(Limits.DEFAULT);
  }

  public JavaArchiveAnalyzer(Limits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return "java";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return ArchiveMetadata.isArchiveName(entry.path());
  }

  @Override
  public FileSink open(FileEntry entry) {
    return new FileSink() {
      private final Spool spool = new Spool(limits.memoryBytes(), Math.min(entry.size(), limits.maxArchiveBytes()));
      private long seen;
      private @Nullable IOException failure;

      @Override
      public void write(byte[] buf, int off, int len) {
        seen += len;
        if (seen > limits.maxArchiveBytes() || failure != null) {
          return;
        }
        try {
          spool.write(buf, off, len);
        } catch (IOException e) {
          failure = e;
        }
      }

      @Override
      public AnalysisResult finish() {
        try (spool) {
          if (seen > limits.maxArchiveBytes()) {
            return fail("not analysed: " + seen + " bytes exceeds the " + limits.maxArchiveBytes()
                + "-byte limit for Java archives");
          }
          if (failure != null) {
            return fail("not analysed: could not buffer the archive: " + failure);
          }
          if (seen == 0) {
            return AnalysisResult.of(java.util.List.of(), java.util.List.of(Diagnostic.warning(
                "empty file with a Java archive name; nothing to analyse", entry.path(), name())));
          }
          return scan(spool.open(), entry.path(), seen);
        } catch (IOException | RuntimeException e) {
          return fail("analyzer java failed: " + e);
        }
      }

      private AnalysisResult fail(String message) {
        return AnalysisResult.failed(Diagnostic.incomplete(message, entry.path(), name()));
      }
    };
  }

  /**
   * Analyses an archive already at hand. Never throws: problems become diagnostics.
   *
   * @param path the archive's path in the image, used in results
   * @param in the archive's bytes; read but not closed
   * @param size the archive's size, which scales the decompression budget
   */
  public AnalysisResult scan(InputStream in, String path, long size) {
    return new ArchiveScanner(limits, name(), size).scan(in, path);
  }
}
