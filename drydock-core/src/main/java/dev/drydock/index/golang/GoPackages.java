package dev.drydock.index.golang;

import dev.drydock.index.Ecosystem;
import dev.drydock.index.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps parsed Go build info to {@link Package}s; see {@link GoBinaryAnalyzer} for the rules. */
final class GoPackages {

  static final String STDLIB = "stdlib";
  private static final List<String> VCS_SETTINGS = List.of("vcs", "vcs.revision", "vcs.time", "vcs.modified");

  private GoPackages() {}

  static List<Package> of(String path, GoBuildInfo info) {
    String goVersion = info.goVersion();
    List<Package> out = new ArrayList<>();
    GoBuildInfo.Module main = info.main();
    if (main != null) {
      Map<String, String> attrs = new TreeMap<>();
      attrs.put("main", "true");
      for (String key : VCS_SETTINGS) {
        String v = info.settings().get(key);
        if (v != null && !v.isEmpty()) {
          attrs.put(key, v);
        }
      }
      out.add(module(path, goVersion, main, attrs));
    }
    for (GoBuildInfo.Module dep : info.deps()) {
      out.add(module(path, goVersion, dep, new TreeMap<>()));
    }
    out.add(Package.of(Ecosystem.GOLANG, STDLIB, stdlibVersion(goVersion), path)
        .withAttributes(Map.of("goVersion", goVersion)));
    return out;
  }

  private static Package module(String path, String goVersion, GoBuildInfo.Module m, Map<String, String> attrs) {
    attrs.put("goVersion", goVersion);
    String name = m.path();
    String version = m.version();
    String sum = m.sum();
    GoBuildInfo.Module r = m.replace();
    if (r != null) {
      if (isLocal(r)) {
        attrs.put("replacedBy", r.path());
      } else {
        attrs.put("replaces", m.path() + (m.version().isEmpty() ? "" : "@" + m.version()));
        name = r.path();
        version = r.version();
        sum = r.sum();
      }
    }
    if (!sum.isEmpty()) {
      attrs.put("sum", sum);
    }
    return Package.of(Ecosystem.GOLANG, name, version, path).withAttributes(attrs);
  }

  /**
   * Whether a replacement is a directory rather than a module version: Go records directories
   * with version {@code (devel)} (or none) and a path that is a file path.
   */
  static boolean isLocal(GoBuildInfo.Module r) {
    String p = r.path();
    return r.version().isEmpty() || r.version().equals("(devel)")
        || p.startsWith("./") || p.startsWith("../") || p.startsWith("/") || p.equals(".") || p.equals("..");
  }

  /**
   * The standard library's version: the Go version without its {@code go} prefix and anything
   * after a space ({@code go1.20.1 X:boringcrypto} gives {@code 1.20.1}); other forms (a
   * {@code devel …} toolchain) are kept whole.
   */
  static String stdlibVersion(String goVersion) {
    String v = goVersion.strip();
    if (!v.startsWith("go")) {
      return v;
    }
    int space = v.indexOf(' ');
    return v.substring(2, space < 0 ? v.length() : space);
  }
}
