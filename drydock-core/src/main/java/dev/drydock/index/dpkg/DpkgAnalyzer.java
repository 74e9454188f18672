package dev.drydock.index.dpkg;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads dpkg's database: {@code var/lib/dpkg/status} and distroless's one-stanza-per-package
 * files in {@code var/lib/dpkg/status.d/}.
 *
 * <p>A package counts when its {@code Status} says its files are on disk (installed, unpacked,
 * half-configured, half-installed or waiting on triggers); {@code config-files} and
 * {@code not-installed} leave no binaries behind and are skipped. Distroless stanzas have no
 * {@code Status} field and are all installed.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/deb-control.5.html">deb-control(5)</a>
 * @see <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html">Debian policy: control fields</a>
 */
public final class DpkgAnalyzer extends BufferedAnalyzer {

  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_D = "var/lib/dpkg/status.d/";

  private static final Set<String> FILES_PRESENT =
      Set.of("installed", "unpacked", "half-configured", "half-installed", "triggers-awaited", "triggers-pending");

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry e) {
    String p = e.path();
    if (p.equals(STATUS)) {
      return true;
    }
    if (p.startsWith(STATUS_D) && p.indexOf('/', STATUS_D.length()) < 0) {
      return !p.endsWith(".md5sums") && !p.endsWith(".list");
    }
    return false;
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    boolean distroless = path.startsWith(STATUS_D);
    List<Package> packages = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Map<String, String> stanza : stanzas(new String(content, StandardCharsets.UTF_8))) {
      String name = stanza.get("Package");
      String version = stanza.get("Version");
      if (name == null || name.isBlank()) {
        diagnostics.add(Diagnostic.incomplete("dpkg stanza without Package field", path, name()));
        continue;
      }
      if (!distroless || stanza.containsKey("Status")) {
        String status = stanza.getOrDefault("Status", "");
        String[] words = status.trim().split("\\s+");
        if (words.length != 3) {
          diagnostics.add(Diagnostic.incomplete("package " + name + " has a malformed Status \"" + status + "\"", path, name()));
          continue;
        }
        if (!FILES_PRESENT.contains(words[2])) {
          continue;
        }
      }
      if (version == null || version.isBlank()) {
        diagnostics.add(Diagnostic.incomplete("package " + name + " has no Version", path, name()));
        continue;
      }
      String sourceName = name;
      String sourceVersion = version;
      String source = stanza.get("Source");
      if (source != null && !source.isBlank()) {
        // "Source: name" or "Source: name (version)" when the source version differs.
        int paren = source.indexOf('(');
        if (paren > 0 && source.endsWith(")")) {
          sourceName = source.substring(0, paren).trim();
          sourceVersion = source.substring(paren + 1, source.length() - 1).trim();
        } else {
          sourceName = source.trim();
        }
      }
      packages.add(Package.of(Ecosystem.DEB, name, version, path)
          .withArch(stanza.get("Architecture"))
          .withSource(sourceName, sourceVersion));
    }
    return AnalysisResult.of(packages, diagnostics);
  }

  /** Splits a control file into stanzas of fields; continuation lines are folded into their field. */
  static List<Map<String, String>> stanzas(String text) {
    List<Map<String, String>> out = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String lastKey = null;
    for (String line : text.split("\n", -1)) {
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          out.add(current);
          current = new LinkedHashMap<>();
        }
        lastKey = null;
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (lastKey != null) {
          current.merge(lastKey, "\n" + line.substring(1), String::concat);
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      lastKey = line.substring(0, colon);
      current.put(lastKey, line.substring(colon + 1).trim());
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
