package dev.drydock.index.rpm;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads rpm's installed-package database in any of its three formats, in rpm's two database
 * directories ({@code var/lib/rpm/}, and {@code usr/lib/sysimage/rpm/} where Fedora 36+ and
 * openSUSE keep it):
 *
 * <ul>
 *   <li>{@code rpmdb.sqlite}: sqlite, rpm 4.16+ ({@link SqlitePackages})
 *   <li>{@code Packages}: Berkeley DB hash, older rpm ({@link BerkeleyDbHash})
 *   <li>{@code Packages.db}: NDB, SUSE ({@link NdbPackages})
 * </ul>
 *
 * <p>Each record is an rpm header ({@link RpmHeader}) and becomes one {@link Package}: version
 * {@code [epoch:]version-release} (the epoch only when it is set and not 0, since rpm compares a
 * missing epoch as 0), the {@code ARCH}, the source package parsed from {@code SOURCERPM} (its
 * version carries the binary's epoch, which source rpm file names leave out), and attributes
 * {@code epoch} (when the header has one), {@code release}, {@code sourceRpm}, {@code license},
 * {@code vendor} and {@code modularityLabel}. The {@code gpg-pubkey} pseudo-packages that
 * {@code rpm --import} writes for signing keys are skipped: they are keys, not software.
 *
 * <p>Also wanted: {@code rpmdb.sqlite-wal}. sqlite deletes its write-ahead log when the last
 * connection closes cleanly; one left with frames in it holds transactions that may be missing
 * from {@code rpmdb.sqlite}, which this analyzer reads on its own, so it is reported as
 * incomplete.
 *
 * <p>Anything unreadable, from a whole file to one header, becomes an {@link
 * Diagnostic.Kind#INCOMPLETE} diagnostic; whatever could be read is still reported.
 */
public final class RpmAnalyzer extends BufferedAnalyzer {

  static final List<String> DIRS = List.of("var/lib/rpm/", "usr/lib/sysimage/rpm/");
  static final String SQLITE = "rpmdb.sqlite";
  static final String SQLITE_WAL = "rpmdb.sqlite-wal";
  static final String BDB = "Packages";
  static final String NDB = "Packages.db";

  /** Far beyond any real system (a full Fedora desktop has ~3000); bounds a forged database. */
  static final int MAX_PACKAGES = 100_000;
  /** Problems reported one by one; beyond this they are counted. */
  static final int MAX_PROBLEMS = 50;

  /**
   * rpm databases are the largest package databases: a Berkeley DB {@code Packages} of a
   * RHEL 8 image with a few hundred packages reaches 50–100 MB.
   */
  static final long MAX_BYTES = 256L << 20;

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  protected long maxBytes() {
    return MAX_BYTES;
  }

  @Override
  public boolean wants(FileEntry e) {
    String p = e.path();
    for (String dir : DIRS) {
      if (p.startsWith(dir) && p.indexOf('/', dir.length()) < 0) {
        String file = p.substring(dir.length());
        return file.equals(SQLITE) || file.equals(BDB) || file.equals(NDB) || file.equals(SQLITE_WAL);
      }
    }
    return false;
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (file.equals(SQLITE_WAL)) {
      return wal(path, content);
    }
    Collector c = new Collector(path);
    String format = switch (file) {
      case SQLITE -> "sqlite";
      case NDB -> "NDB";
      default -> "Berkeley DB";
    };
    try {
      switch (file) {
        case SQLITE -> SqlitePackages.read(content, c);
        case NDB -> NdbPackages.read(content, c);
        default -> BerkeleyDbHash.read(content, c);
      }
    } catch (RpmDbException e) {
      c.diagnostics.add(Diagnostic.incomplete("rpm database (" + format + ") unreadable: " + e.getMessage()
          + (c.count == 0 ? "" : "; " + c.count + " packages read before the failure are reported"),
          path, name()));
    }
    return c.result();
  }

  private AnalysisResult wal(String path, byte[] content) {
    if (content.length <= 32) {
      return AnalysisResult.EMPTY; // empty (the usual leftover) or a header without frames
    }
    return AnalysisResult.failed(Diagnostic.incomplete("sqlite write-ahead log of " + content.length
        + " bytes was not checkpointed into rpmdb.sqlite: packages installed or removed in it may be missing or stale",
        path, name()));
  }

  /** Turns header blobs into packages, in record order, and problems into diagnostics. */
  private final class Collector implements RecordSink {
    final String path;
    final TreeMap<Long, List<Package>> packages = new TreeMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    int count;
    int problems;

    Collector(String path) {
      this.path = path;
    }

    @Override
    public boolean header(long record, byte[] blob) {
      if (count >= MAX_PACKAGES) {
        diagnostics.add(Diagnostic.incomplete("more than " + MAX_PACKAGES + " packages; the rest were not read", path, name()));
        return false;
      }
      RpmHeader h;
      try {
        h = RpmHeader.parse(blob);
      } catch (RpmHeader.MalformedHeaderException e) {
        problem("package record " + record + ": " + e.getMessage());
        return true;
      }
      if (h.name().equals("gpg-pubkey")) {
        return true;
      }
      count++;
      packages.computeIfAbsent(record, r -> new ArrayList<>(1)).add(toPackage(h, path));
      return true;
    }

    @Override
    public void problem(String message) {
      if (++problems <= MAX_PROBLEMS) {
        diagnostics.add(Diagnostic.incomplete("rpm database: " + message, path, name()));
      }
    }

    AnalysisResult result() {
      if (problems > MAX_PROBLEMS) {
        diagnostics.add(Diagnostic.incomplete("rpm database: " + (problems - MAX_PROBLEMS) + " more problems", path, name()));
      }
      List<Package> out = new ArrayList<>(count);
      packages.values().forEach(out::addAll);
      return AnalysisResult.of(out, diagnostics);
    }
  }

  static Package toPackage(RpmHeader h, String path) {
    Long epoch = h.epoch();
    String evPrefix = epoch != null && epoch != 0 ? epoch + ":" : "";
    String version = evPrefix + h.version() + "-" + h.release();
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("release", h.release());
    putIfPresent(attrs, "epoch", epoch == null ? null : epoch.toString());
    putIfPresent(attrs, "sourceRpm", h.sourceRpm());
    putIfPresent(attrs, "license", h.license());
    putIfPresent(attrs, "vendor", h.vendor());
    putIfPresent(attrs, "modularityLabel", h.modularityLabel());
    SourceRpm src = SourceRpm.parse(h.sourceRpm());
    return Package.of(Ecosystem.RPM, h.name(), version, path)
        .withArch(h.arch())
        .withSource(src == null ? null : src.name(), src == null ? null : evPrefix + src.versionRelease())
        .withAttributes(attrs);
  }

  private static void putIfPresent(Map<String, String> m, String key, @Nullable String value) {
    if (value != null && !value.isEmpty() && !value.equals("(none)")) {
      m.put(key, value);
    }
  }

  /** A source rpm file name {@code name-version-release.src.rpm}, split. */
  record SourceRpm(String name, String versionRelease) {

    static @Nullable SourceRpm parse(@Nullable String fileName) {
      if (fileName == null) {
        return null;
      }
      String s = fileName;
      for (String suffix : new String[] {".src.rpm", ".nosrc.rpm"}) {
        if (s.endsWith(suffix)) {
          s = s.substring(0, s.length() - suffix.length());
          break;
        }
      }
      int release = s.lastIndexOf('-');
      int version = release > 0 ? s.lastIndexOf('-', release - 1) : -1;
      if (version <= 0 || release == s.length() - 1 || version + 1 == release) {
        return null;
      }
      return new SourceRpm(s.substring(0, version), s.substring(version + 1));
    }
  }
}
