package dev.drydock.index.rpm;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the installed-package database of RPM-based images, entirely in Java (no librpm, no rpm
 * command): Berkeley DB {@code Packages} (RHEL/CentOS ≤ 8, Amazon Linux 2), NDB {@code Packages.db}
 * (openSUSE, SLES 15) and sqlite {@code rpmdb.sqlite} (Fedora 33+, RHEL 9), under {@code
 * var/lib/rpm/} or {@code usr/lib/sysimage/rpm/}.
 *
 * <p>Each stored header becomes one package (see {@link RpmPackages}); {@code gpg-pubkey}
 * pseudo-packages are skipped. Also wanted: {@code rpmdb.sqlite-wal}, sqlite's write-ahead log. The
 * database file is read on its own, so a log that still holds valid frames (a writer that never
 * closed the database) is reported as incomplete: see {@link SqliteWal}. Whatever cannot be read, a database as a whole or one record of it,
 * becomes an {@link Diagnostic.Kind#INCOMPLETE} diagnostic naming the file and the record, while
 * the readable records are still reported. Memory is bounded by {@link RpmLimits}: a database
 * larger than {@link RpmLimits#memoryBytes()} is spooled to a temporary file and read with
 * positional reads.
 */
public final class RpmAnalyzer implements Analyzer {

  /** The database files this analyzer reads, by image path. */
  static final Map<String, Format> PATHS = Map.of(
      "var/lib/rpm/Packages", Format.BERKELEY_DB,
      "var/lib/rpm/Packages.db", Format.NDB,
      "var/lib/rpm/rpmdb.sqlite", Format.SQLITE,
      "usr/lib/sysimage/rpm/Packages", Format.BERKELEY_DB,
      "usr/lib/sysimage/rpm/Packages.db", Format.NDB,
      "usr/lib/sysimage/rpm/rpmdb.sqlite", Format.SQLITE);

  /** sqlite's write-ahead logs beside the sqlite databases. */
  static final Set<String> WAL_PATHS = Set.of(
      "var/lib/rpm/rpmdb.sqlite-wal", "usr/lib/sysimage/rpm/rpmdb.sqlite-wal");

  /** The three storage formats of rpm's package database. */
  enum Format {
    BERKELEY_DB("Berkeley DB"),
    NDB("NDB"),
    SQLITE("sqlite");

    final String label;

    Format(String label) {
      this.label = label;
    }
  }

  private final RpmLimits limits;

  public RpmAnalyzer() {
    this(RpmLimits.defaults());
  }

  public RpmAnalyzer(RpmLimits limits) {
    this.limits = Objects.requireNonNull(limits);
  }

  @Override
  public String name() {
    return "rpm";
  }

  /** 2: the combined reader (orphan-page sweep, sqlite quick_check, modularityLabel, WAL check). */
  @Override
  public int version() {
    return 2;
  }

  @Override
  public boolean wants(FileEntry entry) {
    String p = entry.path();
    return (p.endsWith("/rpm/Packages") || p.endsWith("/rpm/Packages.db") || p.endsWith("/rpm/rpmdb.sqlite"))
        && PATHS.containsKey(p)
        || p.endsWith("/rpm/rpmdb.sqlite-wal") && WAL_PATHS.contains(p);
  }

  @Override
  public FileSink open(FileEntry entry) {
    if (WAL_PATHS.contains(entry.path())) {
      return walSink(entry);
    }
    Format format = PATHS.get(entry.path());
    Spool spool = new Spool(entry.size(), limits);
    return new FileSink() {
      @Override
      public void write(byte[] buf, int off, int len) {
        spool.write(buf, off, len);
      }

      @Override
      public AnalysisResult finish() {
        try (spool) {
          return analyze(entry.path(), format, spool);
        }
      }
    };
  }

  /** Keeps only the log's header and first frame ({@link SqliteWal#PREFIX} bytes) and counts the rest. */
  private FileSink walSink(FileEntry entry) {
    return new FileSink() {
      private final byte[] head = new byte[SqliteWal.PREFIX];
      private long seen;

      @Override
      public void write(byte[] buf, int off, int len) {
        if (seen < head.length) {
          System.arraycopy(buf, off, head, (int) seen, (int) Math.min(len, head.length - seen));
        }
        seen += len;
      }

      @Override
      public AnalysisResult finish() {
        String unread = SqliteWal.unread(head, seen);
        return unread == null ? AnalysisResult.EMPTY
            : AnalysisResult.failed(Diagnostic.incomplete(unread, entry.path(), name()));
      }
    };
  }

  private AnalysisResult analyze(String path, Format format, Spool spool) {
    if (format == null) {
      return AnalysisResult.failed(Diagnostic.incomplete("not an rpm database path", path, name()));
    }
    if (spool.failure() != null) {
      return AnalysisResult.failed(Diagnostic.incomplete("rpm " + format.label + " database not analysed: "
          + spool.failure(), path, name()));
    }
    RpmPackages packages = new RpmPackages(path, format.label, name());
    try {
      switch (format) {
        case BERKELEY_DB -> BerkeleyDbHash.read(spool.contents(), packages, limits.maxHeaderBytes());
        case NDB -> NdbPackages.read(spool.contents(), packages, limits.maxHeaderBytes());
        case SQLITE -> SqlitePackages.read(spool, limits.tempDir(), packages, limits.maxHeaderBytes());
      }
    } catch (RpmDbException e) {
      packages.problem(e.getMessage());
    } catch (IOException | RuntimeException e) {
      packages.problem("reading failed: " + e);
    }
    return packages.result();
  }
}
