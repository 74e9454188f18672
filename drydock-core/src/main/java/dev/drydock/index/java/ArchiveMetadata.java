package dev.drydock.index.java;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Maven coordinates from the three places a Java archive may carry them: {@code
 * pom.properties} written by Maven, the JAR manifest, and the file name.
 *
 * <p>Manifest attributes are a convention, not a contract, so the manifest is used cautiously:
 * an artifactId is taken from {@code Implementation-Title} or {@code Specification-Title} only
 * when it looks like one (no spaces), a groupId only from {@code Implementation-Vendor-Id}
 * (which Maven's archiver fills with the groupId) or from an OSGi {@code Bundle-SymbolicName}
 * that ends with {@code .<artifactId>}.
 *
 * @see <a href="https://maven.apache.org/shared/maven-archiver/">Maven Archiver (pom.properties, manifest entries)</a>
 * @see <a href="https://docs.oracle.com/en/java/javase/21/docs/specs/jar/jar.html">JAR file specification</a>
 * @see <a href="https://docs.osgi.org/specification/osgi.core/8.0.0/framework.module.html">OSGi Bundle-SymbolicName</a>
 */
final class ArchiveMetadata {

  static final String POM_PROPERTIES = "pom.properties";
  static final String MANIFEST = "manifest";
  static final String FILENAME = "filename";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");

  private ArchiveMetadata() {}

  /** Coordinates and the {@code source} they were read from. */
  record Coordinates(@Nullable String groupId, String artifactId, String version, String source) {
    String key() {
      return groupId + ":" + artifactId + ":" + version;
    }
  }

  /** What a manifest says about its archive; any part may be missing. */
  record ManifestInfo(@Nullable String vendorId, @Nullable String title, @Nullable String specTitle,
      @Nullable String symbolicName, @Nullable String version) {}

  /** A file name split as {@code <artifactId>-<version>.<ext>}; artifactId and version null if it does not split. */
  record FileName(String stem, @Nullable String artifactId, @Nullable String version) {}

  /**
   * The {@code {groupId, artifactId}} directories of an entry named {@code
   * [prefix/]META-INF/maven/<groupId>/<artifactId>/pom.properties}, or null for any other entry.
   */
  static String @Nullable [] pomPropertiesLocation(String entry) {
    if (!entry.endsWith("/pom.properties")) {
      return null;
    }
    int at = entry.lastIndexOf("META-INF/maven/");
    if (at < 0 || (at > 0 && entry.charAt(at - 1) != '/')) {
      return null;
    }
    String[] parts = entry.substring(at + "META-INF/maven/".length()).split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    return new String[] {parts[0], parts[1]};
  }

  /**
   * Parses a {@code pom.properties} (Java properties format). groupId and artifactId default to
   * the entry's directories when absent.
   *
   * @return null when there is no version
   */
  static @Nullable Coordinates fromPomProperties(String text, String dirGroup, String dirArtifact) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    String version = blankToNull(p.getProperty("version"));
    if (version == null) {
      return null;
    }
    String group = blankToNull(p.getProperty("groupId"));
    String artifact = blankToNull(p.getProperty("artifactId"));
    return new Coordinates(group != null ? group : dirGroup, artifact != null ? artifact : dirArtifact, version,
        POM_PROPERTIES);
  }

  /** Parses {@code META-INF/MANIFEST.MF}'s main section. */
  static ManifestInfo fromManifest(byte[] content) throws IOException {
    Attributes a = new Manifest(new ByteArrayInputStream(content)).getMainAttributes();
    String bsn = blankToNull(a.getValue("Bundle-SymbolicName"));
    if (bsn != null && bsn.indexOf(';') >= 0) {
      bsn = blankToNull(bsn.substring(0, bsn.indexOf(';'))); // drop directives such as ;singleton:=true
    }
    String version = firstNonBlank(a.getValue("Implementation-Version"), a.getValue("Bundle-Version"),
        a.getValue("Specification-Version"));
    return new ManifestInfo(blankToNull(a.getValue("Implementation-Vendor-Id")), blankToNull(a.getValue("Implementation-Title")),
        blankToNull(a.getValue("Specification-Title")), bsn, version);
  }

  /** Splits a file name at the last {@code -} that is followed by a digit: {@code log4j-1.2-api-2.17.1.jar}. */
  static FileName parseFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
    for (int i = stem.length() - 2; i > 0; i--) {
      if (stem.charAt(i) == '-' && Character.isDigit(stem.charAt(i + 1))) {
        return new FileName(stem, stem.substring(0, i), stem.substring(i + 1));
      }
    }
    return new FileName(stem, null, null);
  }

  /**
   * The archive's own coordinates when it has no {@code pom.properties} of its own, in order of
   * trust: manifest with a token-like title; the file name (with the manifest's groupId when
   * both agree on the version); manifest with the artifactId taken from the bundle symbolic name;
   * manifest with its free-text title. Null when nothing gives both a name and a version.
   */
  static @Nullable Coordinates identify(@Nullable ManifestInfo m, FileName f) {
    String mv = m == null ? null : m.version();
    if (m != null && mv != null) {
      String title = token(m.title()) != null ? m.title() : token(m.specTitle());
      if (title != null) {
        return new Coordinates(groupFor(m, title), title, mv, MANIFEST);
      }
    }
    if (f.version() != null && f.artifactId() != null) {
      String group = m != null && f.version().equals(mv) ? groupFor(m, f.artifactId()) : null;
      return new Coordinates(group, f.artifactId(), f.version(), FILENAME);
    }
    if (m != null && mv != null) {
      String bsn = m.symbolicName();
      if (bsn != null && token(bsn) != null) {
        String artifact = bsn.substring(bsn.lastIndexOf('.') + 1);
        if (!artifact.isEmpty()) {
          return new Coordinates(groupFor(m, artifact), artifact, mv, MANIFEST);
        }
      }
      String free = m.title() != null ? m.title() : m.specTitle();
      if (free != null) {
        return new Coordinates(m.vendorId(), free, mv, MANIFEST);
      }
    }
    return null;
  }

  private static @Nullable String groupFor(ManifestInfo m, String artifactId) {
    if (token(m.vendorId()) != null) {
      return m.vendorId();
    }
    String bsn = m.symbolicName();
    if (bsn != null && bsn.endsWith("." + artifactId) && token(bsn) != null) {
      return bsn.substring(0, bsn.length() - artifactId.length() - 1);
    }
    return null;
  }

  /** Lower-cased extension check shared by the analyzer and the scanner. */
  static boolean isArchiveName(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0 || name.length() - dot != 4) {
      return false;
    }
    return switch (name.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "jar", "war", "ear", "jpi", "hpi", "par" -> true;
      default -> false;
    };
  }

  private static @Nullable String token(@Nullable String s) {
    return s != null && TOKEN.matcher(s).matches() ? s : null;
  }

  private static @Nullable String firstNonBlank(@Nullable String... values) {
    for (String v : values) {
      if (blankToNull(v) != null) {
        return v.trim();
      }
    }
    return null;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
