package dev.drydock.vuln.advisory;

import dev.drydock.index.Ecosystem;
import dev.drydock.index.OsRelease;
import dev.drydock.index.Package;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The ecosystem keys under which the advisory database files affected packages, and how an
 * installed package maps to its key and lookup name. Keys follow OSV's ecosystem names, with
 * distribution releases normalised to one spelling: {@code Debian:12}, {@code Ubuntu:22.04},
 * {@code Alpine:v3.19}.
 *
 * @see <a href="https://ossf.github.io/osv-schema/#affectedpackage-field">OSV ecosystems</a>
 */
public final class EcosystemKeys {

  public static final String MAVEN = "Maven";
  public static final String NPM = "npm";
  public static final String PYPI = "PyPI";
  public static final String GO = "Go";
  public static final String CRATES = "crates.io";
  public static final String RUBYGEMS = "RubyGems";
  public static final String PACKAGIST = "Packagist";
  public static final String NUGET = "NuGet";

  /** Debian codenames and their release numbers (the tracker speaks codenames, OSV numbers). */
  public static final Map<String, String> DEBIAN_RELEASES = Map.of(
      "jessie", "8", "stretch", "9", "buster", "10", "bullseye", "11", "bookworm", "12", "trixie", "13",
      "forky", "14", "duke", "15");

  private EcosystemKeys() {}

  /** {@code Debian:12} for a codename or number; {@code Debian:sid} for unstable. */
  public static String debian(String release) {
    String r = release.trim().toLowerCase(Locale.ROOT);
    return "Debian:" + DEBIAN_RELEASES.getOrDefault(r, r);
  }

  /** {@code Alpine:v3.19} from {@code 3.19}, {@code v3.19} or {@code 3.19.1}. */
  public static String alpine(String release) {
    String r = release.trim();
    if (r.startsWith("v")) {
      r = r.substring(1);
    }
    String[] parts = r.split("\\.");
    return parts.length >= 2 ? "Alpine:v" + parts[0] + "." + parts[1] : "Alpine:v" + r;
  }

  /**
   * Normalises an OSV ecosystem string: {@code Ubuntu:22.04:LTS} → {@code Ubuntu:22.04},
   * {@code Debian:12} unchanged, {@code Alpine:v3.19} unchanged; language ecosystems unchanged.
   */
  public static String fromOsv(String osv) {
    if (osv.startsWith("Ubuntu:")) {
      String[] p = osv.split(":");
      for (int i = 1; i < p.length; i++) {
        if (p[i].matches("\\d+\\.\\d+")) {
          return "Ubuntu:" + p[i];
        }
      }
      return osv;
    }
    if (osv.startsWith("Debian:")) {
      return debian(osv.substring("Debian:".length()));
    }
    if (osv.startsWith("Alpine:")) {
      return alpine(osv.substring("Alpine:".length()));
    }
    return osv;
  }

  /** The key of an OS release's distribution feed, if Drydock knows one for it. */
  public static Optional<String> forOs(@Nullable OsRelease os) {
    if (os == null) {
      return Optional.empty();
    }
    return switch (os.id()) {
      case "debian" -> Optional.of(debian(os.versionId() != null ? os.versionId().split("\\.")[0]
          : os.codename() != null ? os.codename() : "sid"));
      case "ubuntu" -> os.versionId() == null ? Optional.empty() : Optional.of("Ubuntu:" + os.versionId());
      case "alpine" -> os.versionId() == null ? Optional.empty() : Optional.of(alpine(os.versionId()));
      default -> Optional.empty();
    };
  }

  /** The key a package is looked up under, or empty when no feed covers its ecosystem. */
  public static Optional<String> forPackage(Package p, @Nullable OsRelease os) {
    return switch (p.ecosystem()) {
      case DEB, APK, RPM -> forOs(os);
      case MAVEN -> Optional.of(MAVEN);
      case NPM -> Optional.of(NPM);
      case PYPI -> Optional.of(PYPI);
      case GOLANG -> Optional.of(GO);
    };
  }

  /**
   * The name a package is looked up under: the source package for distribution packages (feeds
   * track sources), {@code groupId:artifactId} for Maven, the PEP 503 name for PyPI.
   */
  public static String lookupName(Package p) {
    return switch (p.ecosystem()) {
      case DEB, APK, RPM -> p.sourceName() != null ? p.sourceName() : p.name();
      case MAVEN -> p.namespace() == null ? p.name() : p.namespace() + ":" + p.name();
      case PYPI -> pep503(p.name());
      case NPM, GOLANG -> p.name();
    };
  }

  /** The version matched against advisories: the source version for distribution packages. */
  public static String lookupVersion(Package p) {
    if (p.ecosystem() == Ecosystem.DEB && p.sourceVersion() != null) {
      return p.sourceVersion();
    }
    return p.version();
  }

  /** PEP 503 normalisation: lower case, runs of {@code -_.} become one {@code -}. */
  public static String pep503(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
