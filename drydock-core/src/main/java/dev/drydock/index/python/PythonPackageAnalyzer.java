package dev.drydock.index.python;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.BufferedAnalyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads installed Python distributions from their core metadata: {@code *.dist-info/METADATA}
 * (wheels, pip), {@code *.egg-info/PKG-INFO} (setuptools), {@code *.egg-info} when it is a file
 * (distutils, as Debian still ships for some packages) and {@code *.egg/EGG-INFO/PKG-INFO}
 * (installed eggs).
 *
 * <p>Core metadata is a set of RFC 822 style headers, ended by a blank line after which the
 * description may follow as a body. The format is simple enough, and Java has no maintained
 * parser for it (javax.mail's is neither in the project nor fit to read files), that it is
 * parsed here: {@code Key: value} lines, continuation lines starting with whitespace, the first
 * value of a repeated single-use field wins.
 *
 * <p>Reported: {@code Name} as written (normalisation belongs to package-urls and matching) and
 * {@code Version}; the {@code license} attribute comes from {@code License-Expression} (metadata
 * 2.4), else the first line of {@code License} (ignoring {@code UNKNOWN}), else the {@code
 * License ::} trove classifiers. A file without a Name or Version is an {@link
 * Diagnostic.Kind#INCOMPLETE} diagnostic.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/core-metadata/">Core metadata specification</a>
 * @see <a href="https://packaging.python.org/en/latest/specifications/recording-installed-packages/">Recording installed projects</a>
 */
public final class PythonPackageAnalyzer extends BufferedAnalyzer {

  @Override
  public String name() {
    return "python";
  }

  @Override
  public int version() {
    return 1;
  }

  /** Metadata is a few KiB; long descriptions reach hundreds. */
  @Override
  protected long maxBytes() {
    return 16L << 20;
  }

  @Override
  public boolean wants(FileEntry entry) {
    String p = entry.path();
    return endsWithNamed(p, ".dist-info/METADATA")
        || endsWithNamed(p, ".egg-info/PKG-INFO")
        || endsWithNamed(p, ".egg/EGG-INFO/PKG-INFO")
        || endsWithNamed(p, ".egg-info"); // distutils writes one file "<name>-<version>[-pyX.Y].egg-info"
  }

  /** {@code p} ends with {@code suffix} preceded by a non-empty name ({@code x.dist-info}, not {@code .dist-info}). */
  private static boolean endsWithNamed(String p, String suffix) {
    int at = p.length() - suffix.length();
    return at > 0 && p.endsWith(suffix) && p.charAt(at - 1) != '/';
  }

  @Override
  public AnalysisResult analyze(String path, byte[] content) {
    // UTF-8 as the specification requires; undecodable bytes become U+FFFD rather than failing.
    Map<String, List<String>> headers = headers(new String(content, StandardCharsets.UTF_8));
    String name = first(headers, "name");
    String version = first(headers, "version");
    if (name == null || version == null) {
      String missing = name == null && version == null ? "Name and Version" : name == null ? "Name" : "Version";
      return AnalysisResult.failed(Diagnostic.incomplete(
          "Python metadata without " + missing + "; the distribution is not identified", path, name()));
    }
    Package p = Package.of(Ecosystem.PYPI, name, version, path);
    String license = license(headers);
    if (license != null) {
      p = p.withAttributes(Map.of("license", license));
    }
    return AnalysisResult.of(List.of(p));
  }

  /**
   * The header block as lower-cased field name → values in order. Continuation lines are joined
   * to their field with a newline; parsing stops at the first blank line.
   */
  static Map<String, List<String>> headers(String text) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    List<String> last = null;
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
      start = end + 1;
      if (line.isBlank()) {
        break; // end of headers; the body (description) follows
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (last != null && !last.isEmpty()) {
          last.set(last.size() - 1, last.get(last.size() - 1) + "\n" + line.strip());
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        last = null; // not a header line; ignore it rather than guess
        continue;
      }
      last = out.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      last.add(line.substring(colon + 1).strip());
    }
    return out;
  }

  static @Nullable String license(Map<String, List<String>> headers) {
    String expression = first(headers, "license-expression");
    if (expression != null) {
      return expression;
    }
    String license = first(headers, "license");
    if (license != null) {
      String firstLine = license.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      if (!firstLine.isEmpty() && !firstLine.equalsIgnoreCase("UNKNOWN")) {
        return firstLine;
      }
    }
    Set<String> fromClassifiers = new LinkedHashSet<>();
    for (String c : headers.getOrDefault("classifier", List.of())) {
      String[] parts = c.split("\\s*::\\s*");
      if (parts.length >= 3 && parts[0].equals("License")) {
        fromClassifiers.add(parts[parts.length - 1]);
      }
    }
    return fromClassifiers.isEmpty() ? null : String.join(", ", fromClassifiers);
  }

  private static @Nullable String first(Map<String, List<String>> headers, String key) {
    List<String> values = headers.get(key);
    if (values == null) {
      return null;
    }
    for (String v : values) {
      if (!v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
