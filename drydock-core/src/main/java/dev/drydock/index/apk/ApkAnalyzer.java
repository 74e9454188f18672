package dev.drydock.index.apk;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads apk's installed database {@code lib/apk/db/installed}: one record per package, records
 * separated by blank lines, each line {@code X:value} with single-letter keys ({@code P} name,
 * {@code V} version, {@code A} architecture, {@code o} origin, {@code L} license).
 *
 * @see <a href="https://wiki.alpinelinux.org/wiki/Apk_spec#Installed_Database_V2">apk installed database</a>
 */
public final class ApkAnalyzer extends BufferedAnalyzer {

  static final String INSTALLED = "lib/apk/db/installed";

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry e) {
    return e.path().equals(INSTALLED);
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    List<Package> packages = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    String name = null;
    String version = null;
    String arch = null;
    String origin = null;
    String license = null;
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i].stripTrailing() : "";
      if (line.isEmpty()) {
        if (name != null || version != null) {
          if (name == null || version == null || version.isEmpty()) {
            diagnostics.add(Diagnostic.incomplete("apk record without " + (name == null ? "P: (name)" : "V: (version) for " + name),
                path, name()));
          } else {
            Package p = Package.of(Ecosystem.APK, name, version, path).withArch(arch).withSource(origin == null ? name : origin, version);
            packages.add(license == null ? p : p.withAttributes(Map.of("license", license)));
          }
        }
        name = version = arch = origin = license = null;
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':') {
        continue;
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'P' -> name = value;
        case 'V' -> version = value;
        case 'A' -> arch = value;
        case 'o' -> origin = value;
        case 'L' -> license = value;
        default -> { }
      }
    }
    return AnalysisResult.of(packages, diagnostics);
  }
}
