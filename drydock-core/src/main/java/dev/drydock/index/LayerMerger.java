package dev.drydock.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Stacks layer reports the way an overlay filesystem stacks layers, so the result describes the
 * image's final filesystem: a file in a higher layer replaces the same path below it, a whiteout
 * ({@code .wh.NAME}) deletes a path and everything under it, an opaque directory hides
 * everything below it in lower layers, and an entry of another kind replaces what was at its path:
 * a symlink or file where a lower layer had a directory hides everything under that directory (say
 * {@code lib -> usr/lib} over a real {@code lib/}), a directory where a lower layer had a file
 * replaces the file, and any entry replaces a lower file at its path even when no analyzer wanted
 * the new one (a setuid binary rewritten without the bit).
 *
 * <p>Packages keep the layer that introduced them: when a higher layer rewrites a package database
 * (say {@code var/lib/dpkg/status} after another {@code apt-get install}), packages already listed
 * with the same identity keep their lower layer and only new or changed ones get the higher one.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">OCI whiteouts</a>
 */
public final class LayerMerger {

  /** Files known to carry the OS release, most authoritative first. */
  private static final List<String> OS_RELEASE_PATHS = List.of("etc/os-release", "usr/lib/os-release");

  private LayerMerger() {}

  /** The merged view: every package with purl and layer, the OS, and every finding with its layer. */
  public record Merged(@Nullable OsRelease os, List<Package> packages, List<Finding> findings) {}

  public static Merged merge(List<LayerReport> layers) {
    // path -> analyzer -> attributed result
    NavigableMap<String, Map<String, FileResult>> state = new TreeMap<>();
    Map<String, long[]> pathHashes = new HashMap<>();
    for (LayerReport layer : layers) {
      hideReplaced(state, layer, pathHashes);
      for (String dir : layer.opaqueDirs()) {
        removeUnder(state, dir);
      }
      for (String gone : layer.whiteouts()) {
        state.remove(gone);
        removeUnder(state, gone);
      }
      Map<String, Map<String, FileResult>> replaced = new HashMap<>();
      for (FileResult r : layer.files()) {
        Map<String, FileResult> lower = replaced.computeIfAbsent(r.path(), p -> {
          Map<String, FileResult> old = state.remove(p);
          return old == null ? Map.of() : old;
        });
        FileResult before = lower.get(r.analyzer());
        state.computeIfAbsent(r.path(), p -> new LinkedHashMap<>()).put(r.analyzer(), attribute(r, before, layer.layer()));
      }
    }

    OsRelease os = null;
    for (String p : OS_RELEASE_PATHS) {
      Map<String, FileResult> byAnalyzer = state.get(p);
      if (byAnalyzer != null) {
        for (FileResult r : byAnalyzer.values()) {
          if (r.os() != null) {
            os = r.os();
            break;
          }
        }
      }
      if (os != null) {
        break;
      }
    }

    List<Package> packages = new ArrayList<>();
    for (Map<String, FileResult> byAnalyzer : state.values()) {
      for (FileResult r : byAnalyzer.values()) {
        for (Package p : r.packages()) {
          packages.add(p.withPurl(PackageUrls.of(p, os)));
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Map<String, FileResult> byAnalyzer : state.values()) {
      for (FileResult r : byAnalyzer.values()) {
        findings.addAll(r.findings());
      }
    }
    findings.sort(Comparator.comparing(Finding::kind).thenComparing(Finding::path)
        .thenComparing(f -> f.line() == null ? 0 : f.line()).thenComparing(Finding::ruleId));
    packages.sort(Comparator.comparing(Package::ecosystem)
        .thenComparing(Package::displayName)
        .thenComparing(Package::version)
        .thenComparing(Package::path));
    return new Merged(os, packages, findings);
  }

  private static FileResult attribute(FileResult r, @Nullable FileResult before, String layer) {
    Map<String, String> earlier = new HashMap<>();
    if (before != null) {
      for (Package p : before.packages()) {
        if (p.layer() != null) {
          earlier.put(p.identity(), p.layer());
        }
      }
    }
    List<Package> out = new ArrayList<>(r.packages().size());
    for (Package p : r.packages()) {
      out.add(p.withLayer(earlier.getOrDefault(p.identity(), layer)));
    }
    // A finding belongs to the version of the file this layer wrote.
    return new FileResult(r.path(), r.analyzer(), out, r.os(), r.findings().stream().map(f -> f.withLayer(layer)).toList());
  }

  /**
   * Removes the lower results {@code layer} replaces with an entry of another kind (see the class
   * comment). A path the layer has results for is left to the replacement below, which keeps the
   * layer that introduced each unchanged package.
   */
  private static void hideReplaced(NavigableMap<String, Map<String, FileResult>> state, LayerReport layer,
      Map<String, long[]> pathHashes) {
    PathHashes dirs = layer.directories();
    PathHashes others = layer.nonDirectories();
    if (state.isEmpty() || (dirs.isEmpty() && others.isEmpty())) {
      return;
    }
    java.util.Set<String> rewritten = new java.util.HashSet<>();
    layer.files().forEach(r -> rewritten.add(r.path()));
    state.keySet().removeIf(path -> {
      long[] h = pathHashes.computeIfAbsent(path, LayerMerger::selfAndAncestorHashes);
      if (dirs.contains(h[0]) || (others.contains(h[0]) && !rewritten.contains(path))) {
        return true;
      }
      for (int i = 1; i < h.length; i++) {
        if (others.contains(h[i])) {
          return true;
        }
      }
      return false;
    });
  }

  /** The path's hash, then its ancestors' ({@code a/b/c}: a/b/c, a/b, a). */
  private static long[] selfAndAncestorHashes(String path) {
    long[] out = new long[1 + (int) path.chars().filter(c -> c == '/').count()];
    out[0] = PathHashes.hash(path);
    int i = 1;
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      out[i++] = PathHashes.hash(path.substring(0, slash));
    }
    return i == out.length ? out : java.util.Arrays.copyOf(out, i);
  }

  private static void removeUnder(NavigableMap<String, ?> state, String dir) {
    if (dir.isEmpty()) {
      state.clear();
      return;
    }
    // Every key that starts with "dir/" sorts between "dir/" and "dir0" ('0' follows '/').
    state.subMap(dir + "/", true, dir + "0", false).clear();
  }
}
