package dev.drydock.index.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads installed npm packages from the {@code package.json} at the root of each package
 * directory: {@code …/node_modules/<name>/package.json} and {@code
 * …/node_modules/@scope/<name>/package.json}, at any depth of nesting ({@code
 * a/node_modules/b/node_modules/c/package.json}) and in global installs ({@code
 * usr/lib/node_modules/…}, {@code usr/local/lib/node_modules/…}).
 *
 * <p>Other {@code package.json} files are not packages and are not read: an application's own
 * manifest outside {@code node_modules}, and the ones packages keep in subdirectories (say
 * {@code @babel/runtime/helpers/esm/package.json}, which only sets the module type). Directories
 * whose name starts with {@code .} ({@code node_modules/.bin}, pnpm's {@code .pnpm} store root)
 * are not package directories; pnpm's real packages under {@code .pnpm/<id>/node_modules/<name>}
 * match the pattern like any other.
 *
 * <p>Reported: {@code name} and {@code version} as written, and the {@code license} attribute from
 * {@code license} (an SPDX string or the deprecated {@code {"type": …}} object) or the deprecated
 * {@code licenses} array (types joined with {@code ", "}). A package.json that cannot be parsed or
 * lacks a name or version is an {@link Diagnostic.Kind#INCOMPLETE} diagnostic.
 *
 * @see <a href="https://docs.npmjs.com/cli/v10/configuring-npm/package-json">npm package.json</a>
 * @see <a href="https://docs.npmjs.com/cli/v10/configuring-npm/folders">npm folders (node_modules layout)</a>
 */
public final class NpmPackageAnalyzer extends BufferedAnalyzer {

  private static final String MANIFEST = "/package.json";
  private static final String NODE_MODULES = "node_modules";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public int version() {
    return 1;
  }

  /** package.json files are small; 16 MiB leaves room for old ones that embed their README. */
  @Override
  protected long maxBytes() {
    return 16L << 20;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return isPackageManifest(entry.path());
  }

  /** Whether {@code path} is {@code [prefix/]node_modules/[@scope/]name/package.json}. */
  static boolean isPackageManifest(String path) {
    if (!path.endsWith(MANIFEST)) {
      return false;
    }
    int nameEnd = path.length() - MANIFEST.length();
    int nameStart = path.lastIndexOf('/', nameEnd - 1) + 1;
    if (nameStart >= nameEnd || !isPackageDirName(path, nameStart, nameEnd) || nameStart == 0) {
      return false;
    }
    int parentEnd = nameStart - 1;
    int parentStart = path.lastIndexOf('/', parentEnd - 1) + 1;
    if (segmentIs(path, parentStart, parentEnd, NODE_MODULES)) {
      return true;
    }
    // @scope/name: the parent is the scope, its parent node_modules.
    if (parentEnd - parentStart < 2 || path.charAt(parentStart) != '@' || parentStart == 0) {
      return false;
    }
    int scopeParentEnd = parentStart - 1;
    int scopeParentStart = path.lastIndexOf('/', scopeParentEnd - 1) + 1;
    return segmentIs(path, scopeParentStart, scopeParentEnd, NODE_MODULES);
  }

  private static boolean isPackageDirName(String path, int start, int end) {
    char first = path.charAt(start);
    return first != '.' && first != '@' && !segmentIs(path, start, end, NODE_MODULES);
  }

  private static boolean segmentIs(String path, int start, int end, String name) {
    return end - start == name.length() && path.startsWith(name, start);
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JacksonException e) {
      return incomplete(path, "malformed package.json: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      return incomplete(path, "unreadable package.json: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      return incomplete(path, "empty package.json");
    }
    if (!root.isObject()) {
      return incomplete(path, "package.json is not a JSON object");
    }
    String name = text(root.get("name"));
    String version = text(root.get("version"));
    if (name == null || version == null) {
      return incomplete(path, "package.json without " + (name == null ? "a name" : "a version")
          + "; the package in " + path.substring(0, path.length() - MANIFEST.length()) + " is not identified");
    }
    String license = license(root);
    Package p = Package.of(Ecosystem.NPM, name, version, path);
    if (license != null) {
      p = p.withAttributes(Map.of("license", license));
    }
    return AnalysisResult.of(List.of(p));
  }

  /** {@code "license": "MIT"}, {@code "license": {"type": "MIT"}} or {@code "licenses": [{"type": "MIT"}, "BSD"]}. */
  static @Nullable String license(JsonNode root) {
    JsonNode license = root.get("license");
    String single = license != null && license.isObject() ? text(license.get("type")) : text(license);
    if (single != null) {
      return single;
    }
    JsonNode licenses = root.get("licenses");
    if (licenses == null || !licenses.isArray()) {
      return null;
    }
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode l : licenses) {
      String t = l.isObject() ? text(l.get("type")) : text(l);
      if (t != null) {
        types.add(t);
      }
    }
    return types.isEmpty() ? null : String.join(", ", new ArrayList<>(types));
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    String s = n.asText().trim();
    return s.isEmpty() ? null : s;
  }

  private AnalysisResult incomplete(String path, String message) {
    return AnalysisResult.failed(Diagnostic.incomplete(message, path, name()));
  }
}
