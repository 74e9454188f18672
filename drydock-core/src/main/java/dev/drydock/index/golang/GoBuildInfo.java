package dev.drydock.index.golang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Go binary's build information: the module info text that {@code go version -m} prints,
 * parsed as {@code runtime/debug.ParseBuildInfo} does, but leniently: a malformed line is
 * skipped and named in {@link #errors} instead of failing the whole binary.
 *
 * <p>Lines are tab-separated: {@code path <main package>}, {@code mod <path> <version> [<sum>]},
 * {@code dep <path> <version> [<sum>]}, {@code => <path> <version> <sum>} (replaces the module on
 * the line before) and {@code build <key>=<value>} (key and value Go-quoted when they hold
 * spaces, quotes, {@code =} or control characters). Other lines are ignored, as Go ignores them.
 *
 * @param goVersion the toolchain version as Go writes it, e.g. {@code go1.19.8}
 * @param path the main package's import path; null when not recorded
 * @param main the main module; null for binaries built outside module mode (GOPATH)
 * @param deps the dependency modules in the order Go lists them
 * @param settings build settings in order ({@code GOOS}, {@code vcs.revision} …)
 * @param errors one message per line that could not be read
 * @see <a href="https://pkg.go.dev/runtime/debug#BuildInfo">runtime/debug.BuildInfo</a>
 * @see <a href="https://go.dev/ref/mod#go-version-m">go version -m</a>
 */
record GoBuildInfo(
    String goVersion,
    @Nullable String path,
    @Nullable Module main,
    List<Module> deps,
    Map<String, String> settings,
    List<String> errors) {

  GoBuildInfo {
    deps = List.copyOf(deps);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    errors = List.copyOf(errors);
  }

  /**
   * A module: path, version ({@code (devel)} for the main module and directory replacements),
   * checksum ({@code h1:…}, empty when unknown) and what replaced it.
   */
  record Module(String path, String version, String sum, @Nullable Module replace) {}

  /** Parses module info text (sentinels already stripped); never throws. */
  static GoBuildInfo parse(String goVersion, String modInfo) {
    String path = null;
    Module main = null;
    List<Module> deps = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    // What a "=>" line applies to: 'm' main, 'd' the last dep, 0 nothing.
    char last = 0;
    String[] lines = modInfo.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int tab = line.indexOf('\t');
      String word = tab < 0 ? line : line.substring(0, tab);
      String rest = tab < 0 ? "" : line.substring(tab + 1);
      String error = null;
      switch (tab < 0 ? "" : word) {
        case "path" -> path = rest;
        case "mod", "dep" -> {
          Module m = module(rest, false);
          if (m == null) {
            error = "expected 2 or 3 tab-separated columns";
            last = 0;
          } else if (word.equals("mod")) {
            main = m;
            last = 'm';
          } else {
            deps.add(m);
            last = 'd';
          }
        }
        case "=>" -> {
          Module r = module(rest, true);
          if (r == null) {
            error = "expected 2 or 3 tab-separated columns";
          } else if (last == 'm' && main != null) {
            main = new Module(main.path(), main.version(), main.sum(), r);
          } else if (last == 'd') {
            Module d = deps.removeLast();
            deps.add(new Module(d.path(), d.version(), d.sum(), r));
          } else {
            error = "replacement with no module on the line before";
          }
          last = 0;
        }
        case "build" -> error = setting(rest, settings);
        default -> { }
      }
      if (error != null) {
        errors.add("line " + (i + 1) + ": " + error + ": " + abbreviate(line));
      }
    }
    return new GoBuildInfo(goVersion, path, main, deps, settings, errors);
  }

  private static @Nullable Module module(String columns, boolean replacement) {
    String[] c = columns.split("\t", -1);
    if (c.length < 2 || c.length > 3 || c[0].isEmpty() || (!replacement && c[1].isEmpty())) {
      return null;
    }
    return new Module(c[0], c[1], c.length == 3 ? c[2] : "", null);
  }

  /** Adds one {@code key=value} setting; returns an error message or null. */
  private static @Nullable String setting(String kv, Map<String, String> settings) {
    String key;
    String rawValue;
    if (kv.startsWith("\"") || kv.startsWith("`")) {
      int end = GoQuoted.prefixLength(kv);
      if (end < 0 || end >= kv.length() || kv.charAt(end) != '=') {
        return "bad quoted key";
      }
      key = GoQuoted.unquote(kv.substring(0, end));
      rawValue = kv.substring(end + 1);
    } else {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        return "expected key=value";
      }
      key = kv.substring(0, eq);
      rawValue = kv.substring(eq + 1);
    }
    String value = rawValue;
    if (rawValue.startsWith("\"") || rawValue.startsWith("`")) {
      value = GoQuoted.prefixLength(rawValue) == rawValue.length() ? GoQuoted.unquote(rawValue) : null;
    }
    if (key == null || value == null) {
      return "bad quoted key or value";
    }
    settings.put(key, value);
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
