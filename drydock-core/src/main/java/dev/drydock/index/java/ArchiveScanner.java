package dev.drydock.index.java;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.Package;
import dev.drydock.index.java.ArchiveMetadata.Coordinates;
import dev.drydock.index.java.ArchiveMetadata.FileName;
import dev.drydock.index.java.ArchiveMetadata.ManifestInfo;
import dev.drydock.index.java.ZipStreams.Budget;
import dev.drydock.index.java.ZipStreams.BudgetExceeded;
import dev.drydock.index.java.ZipStreams.Charged;
import dev.drydock.index.java.ZipStreams.EndSniffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Walks one outer archive and everything nested in it, front to back, collecting packages and
 * diagnostics within the limits. One instance per outer archive; not thread-safe.
 */
final class ArchiveScanner {

  private static final int MAX_PREAMBLE = 1 << 20;

  private final JavaArchiveAnalyzer.Limits limits;
  private final String analyzer;
  private final Budget budget;
  private final List<Package> packages = new ArrayList<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int droppedDiagnostics;
  private int droppedPackages;

  ArchiveScanner(JavaArchiveAnalyzer.Limits limits, String analyzer, long archiveBytes) {
    this.limits = limits;
    this.analyzer = analyzer;
    long proportional = archiveBytes > Long.MAX_VALUE / limits.inflationRatio() ? Long.MAX_VALUE
        : archiveBytes * limits.inflationRatio();
    this.budget = new Budget(Math.min(limits.maxInflatedBytes(), Math.max(limits.inflationGraceBytes(), proportional)));
  }

  /** Scans the archive at {@code path} whose raw bytes {@code in} delivers. Never throws. */
  AnalysisResult scan(InputStream in, String path) {
    try {
      scanArchive(in, path, 0);
    } catch (BudgetExceeded e) {
      incomplete(e.path, "stopped reading: the archive and those nested in it decompress to more than "
          + budget.limit() + " bytes (possible zip bomb); entries after this point were not analysed");
    }
    if (droppedPackages > 0) {
      diagnostics.add(Diagnostic.incomplete(droppedPackages + " more Maven packages not reported: more than "
          + limits.maxPackages() + " in one archive", path, analyzer));
    }
    if (droppedDiagnostics > 0) {
      diagnostics.add(Diagnostic.incomplete(droppedDiagnostics + " more diagnostics about this archive not shown",
          path, analyzer));
    }
    return AnalysisResult.of(packages, diagnostics);
  }

  /** What one archive level holds about itself. */
  private static final class Contents {
    final Map<String, Coordinates> poms = new LinkedHashMap<>();
    @Nullable ManifestInfo manifest;
    /** Whether the data was recognised as a zip at all (a file that is not one is not named after its file name). */
    boolean isZip;
  }

  private void scanArchive(InputStream raw, String path, int depth) throws BudgetExceeded {
    int packagesBefore = packages.size();
    int diagnosticsBefore = diagnostics.size() + droppedDiagnostics;
    Contents contents = new Contents();
    BudgetExceeded stop = null;
    String entryName = null;
    EndSniffer sniffer = new EndSniffer(raw);
    try (ZipArchiveInputStream zip = new ZipArchiveInputStream(
        ZipStreams.skipPreamble(sniffer, MAX_PREAMBLE), StandardCharsets.UTF_8.name(), true, false, true)) {
      contents.isZip = true;
      while (true) {
        entryName = null; // a failure while finding the next entry concerns the archive, not the last entry
        ZipArchiveEntry e = zip.getNextEntry();
        if (e == null) {
          break;
        }
        entryName = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        Charged data = new Charged(zip, budget, path);
        readEntry(zip, e, data, path, depth, contents);
        if (zip.canReadEntryData(e) && (e.getGeneralPurposeBit().usesDataDescriptor() || e.getCompressedSize() < 0)) {
          // The reader would inflate the rest uncounted to find the entry's end; do it here, charged.
          data.drain();
        }
      }
      if (!sniffer.endedCleanly()) {
        incomplete(path, "archive is truncated: it ends after " + sniffer.count()
            + " bytes without a central directory; entries past that point are missing");
      }
    } catch (BudgetExceeded ex) {
      stop = ex;
    } catch (IOException | RuntimeException ex) {
      incomplete(path, entryName == null ? "cannot read archive: " + describe(ex)
          : "cannot read entry " + entryName + ": " + describe(ex) + "; later entries were not analysed");
    }
    Coordinates self = contents.isZip ? selfIdentity(contents, path) : null;
    List<Package> own = new ArrayList<>();
    for (Coordinates c : contents.poms.values()) {
      own.add(toPackage(c, path));
    }
    if (self != null) {
      own.add(toPackage(self, path));
    }
    addPackages(packagesBefore, own);
    if (stop != null) {
      throw stop;
    }
    if (packages.size() == packagesBefore && diagnostics.size() + droppedDiagnostics == diagnosticsBefore) {
      add(Diagnostic.warning("no Maven coordinates found: no pom.properties, no versioned manifest, no version in"
          + " the file name, no identifiable nested archive", path, analyzer));
    }
  }

  private void readEntry(ZipArchiveInputStream zip, ZipArchiveEntry e, Charged data, String path, int depth,
      Contents contents) throws IOException {
    String name = e.getName();
    String[] pomDirs = ArchiveMetadata.pomPropertiesLocation(name);
    boolean manifest = name.equalsIgnoreCase("META-INF/MANIFEST.MF");
    boolean nested = ArchiveMetadata.isArchiveName(name);
    if (pomDirs == null && !manifest && !nested) {
      return;
    }
    if (!zip.canReadEntryData(e)) {
      incomplete(path, "entry " + name + " cannot be read (encrypted or unsupported compression method "
          + e.getMethod() + ")");
      return;
    }
    if (nested) {
      String nestedPath = path + "!/" + name;
      if (depth + 1 > limits.maxDepth()) {
        incomplete(nestedPath, "nested archive not analysed: more than " + limits.maxDepth() + " levels deep");
      } else {
        scanArchive(data, nestedPath, depth + 1);
      }
      return;
    }
    byte[] content = readCapped(data, limits.maxMetadataBytes());
    if (content == null) {
      incomplete(path, "entry " + name + " not read: larger than " + limits.maxMetadataBytes() + " bytes");
      return;
    }
    if (manifest) {
      try {
        contents.manifest = ArchiveMetadata.fromManifest(content);
      } catch (IOException | RuntimeException ex) {
        incomplete(path, "malformed " + name + ": " + describe(ex));
      }
      return;
    }
    try {
      Coordinates c = ArchiveMetadata.fromPomProperties(new String(content, StandardCharsets.UTF_8), pomDirs[0],
          pomDirs[1]);
      if (c == null) {
        incomplete(path, "entry " + name + " has no version");
      } else {
        contents.poms.putIfAbsent(c.key(), c);
      }
    } catch (IOException | RuntimeException ex) {
      incomplete(path, "malformed " + name + ": " + describe(ex));
    }
  }

  /**
   * The archive's own coordinates from manifest or file name, when no pom.properties already
   * describes the archive itself (a shaded jar carries its own pom.properties and its
   * dependencies'; one of them matching the file name or the manifest version is the archive).
   */
  private @Nullable Coordinates selfIdentity(Contents contents, String path) {
    FileName file = ArchiveMetadata.parseFileName(path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1));
    ManifestInfo m = contents.manifest;
    for (Coordinates p : contents.poms.values()) {
      if (p.artifactId().equals(file.stem()) || p.artifactId().equals(file.artifactId())
          || (m != null && p.version().equals(m.version()))) {
        return null;
      }
    }
    Coordinates self = ArchiveMetadata.identify(m, file);
    if (self == null) {
      return null;
    }
    for (Coordinates p : contents.poms.values()) {
      if (p.artifactId().equals(self.artifactId())) {
        return null;
      }
    }
    return self;
  }

  private Package toPackage(Coordinates c, String path) {
    return Package.of(Ecosystem.MAVEN, c.artifactId(), c.version(), path)
        .withNamespace(c.groupId())
        .withAttributes(Map.of("source", c.source()));
  }

  /** Inserts an archive's own packages before those of the archives nested in it. */
  private void addPackages(int at, List<Package> own) {
    int room = limits.maxPackages() - packages.size();
    if (own.size() > room) {
      droppedPackages += own.size() - Math.max(room, 0);
      own = own.subList(0, Math.max(room, 0));
    }
    packages.addAll(at, own);
  }

  private static byte @Nullable [] readCapped(InputStream in, int cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, 8192));
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      if (out.size() + n > cap) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private void incomplete(String path, String message) {
    add(Diagnostic.incomplete(message, path, analyzer));
  }

  private void add(Diagnostic d) {
    if (diagnostics.size() < limits.maxDiagnostics()) {
      diagnostics.add(d);
    } else {
      droppedDiagnostics++;
    }
  }

  private static String describe(Exception ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }
}
