package dev.drydock.index.rpm;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.Package;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns the header blobs of one database file into packages and diagnostics.
 *
 * <p>A package's version is {@code E:V-R} when the header has a non-zero EPOCH, else {@code V-R};
 * its source is the name and {@code V-R} of its SOURCERPM ({@code openssl-3.0.7-27.el9.src.rpm} →
 * {@code openssl}, {@code 3.0.7-27.el9}), with the binary's epoch in front when it has a non-zero
 * one (source rpm file names leave it out); its attributes are {@code epoch} (when the tag is
 * present, zero included), {@code version}, {@code release}, {@code sourceRpm}, {@code license},
 * {@code vendor} and {@code modularityLabel} (the module stream a RHEL/Fedora modular package was
 * built for, which decides which advisories apply to it), each only when present and not empty.
 * Packages are reported in record-number order, which is the same for all three storage formats
 * of one database.
 */
final class RpmPackages implements HeaderBlobVisitor {

  /** The pseudo-packages rpm creates for imported signing keys. */
  static final String GPG_PUBKEY = "gpg-pubkey";

  /**
   * Problems reported one by one; beyond this they are only counted, in one last diagnostic. A
   * damaged file can have a problem every few bytes (an NDB slot, a Berkeley DB item), and the
   * diagnostics must stay small whatever the file holds.
   */
  static final int MAX_LISTED_PROBLEMS = 100;

  private record Found(long record, Package pkg) {}

  private final String path;
  private final String format;
  private final String analyzer;
  private final List<Found> found = new ArrayList<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private long unlisted;

  RpmPackages(String path, String format, String analyzer) {
    this.path = path;
    this.format = format;
    this.analyzer = analyzer;
  }

  @Override
  public void header(long record, byte[] blob) {
    RpmHeader h;
    try {
      h = RpmHeader.parse(blob);
    } catch (RpmDbException e) {
      problem("package header #" + record + " unreadable: " + e.getMessage());
      return;
    }
    if (h.name().equals(GPG_PUBKEY)) {
      return;
    }
    found.add(new Found(record, toPackage(h, path)));
  }

  @Override
  public void problem(String message) {
    if (diagnostics.size() < MAX_LISTED_PROBLEMS) {
      diagnostics.add(Diagnostic.incomplete("rpm " + format + " database: " + message, path, analyzer));
    } else {
      unlisted++;
    }
  }

  /** The packages in record order, and the diagnostics (the last one counting those not listed). */
  AnalysisResult result() {
    List<Package> packages = found.stream()
        .sorted(Comparator.comparingLong(Found::record))
        .map(Found::pkg)
        .toList();
    List<Diagnostic> all = diagnostics;
    if (unlisted > 0) {
      all = new ArrayList<>(diagnostics);
      all.add(Diagnostic.incomplete("rpm " + format + " database: " + unlisted + " more problems, not listed",
          path, analyzer));
    }
    return AnalysisResult.of(packages, all);
  }

  static Package toPackage(RpmHeader h, String path) {
    Map<String, String> attrs = new TreeMap<>();
    if (h.epoch() != null) {
      attrs.put("epoch", h.epoch().toString());
    }
    attrs.put("version", h.version());
    attrs.put("release", h.release());
    putIfPresent(attrs, "sourceRpm", h.sourceRpm());
    putIfPresent(attrs, "license", h.license());
    putIfPresent(attrs, "vendor", h.vendor());
    putIfPresent(attrs, "modularityLabel", h.modularityLabel());
    String[] source = sourceNameAndVersion(h.sourceRpm());
    // Source rpm file names leave the epoch out; the source package shares the binary's epoch
    // (it is set once in the spec), so the source version carries it like the binary's does.
    String sourceVersion = source == null ? null
        : (h.epoch() != null && h.epoch() != 0 ? h.epoch() + ":" + source[1] : source[1]);
    return Package.of(Ecosystem.RPM, h.name(), h.evr(), path)
        .withArch(h.arch())
        .withSource(source == null ? null : source[0], sourceVersion)
        .withAttributes(attrs);
  }

  /**
   * {@code name-version-release.src.rpm} (or {@code .nosrc.rpm}) → {@code [name, version-release]};
   * null when the file name does not have that shape.
   */
  static String @Nullable [] sourceNameAndVersion(@Nullable String sourceRpm) {
    if (sourceRpm == null) {
      return null;
    }
    String base;
    if (sourceRpm.endsWith(".src.rpm")) {
      base = sourceRpm.substring(0, sourceRpm.length() - ".src.rpm".length());
    } else if (sourceRpm.endsWith(".nosrc.rpm")) {
      base = sourceRpm.substring(0, sourceRpm.length() - ".nosrc.rpm".length());
    } else {
      return null;
    }
    int releaseDash = base.lastIndexOf('-');
    int versionDash = releaseDash <= 0 ? -1 : base.lastIndexOf('-', releaseDash - 1);
    if (versionDash <= 0 || releaseDash == base.length() - 1 || releaseDash - versionDash < 2) {
      return null;
    }
    return new String[] {base.substring(0, versionDash), base.substring(versionDash + 1)};
  }

  private static void putIfPresent(Map<String, String> attrs, String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      attrs.put(key, value);
    }
  }
}
