package dev.drydock.vuln.version;

import dev.drydock.vuln.advisory.EcosystemKeys;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@link VersionScheme} orders the versions of an advisory ecosystem key (see
 * {@link EcosystemKeys}). The registry is explicit: a key it does not list has no scheme, and the
 * matcher must report that rather than guess.
 *
 * <table>
 *   <caption>Ecosystem keys and schemes</caption>
 *   <tr><th>Key</th><th>Scheme</th></tr>
 *   <tr><td>{@code Debian}, {@code Debian:*}, {@code Ubuntu}, {@code Ubuntu:*}</td><td>{@link DebianVersion}</td></tr>
 *   <tr><td>{@code Alpine}, {@code Alpine:*}, {@code Wolfi}, {@code Chainguard}</td><td>{@link ApkVersion}</td></tr>
 *   <tr><td>{@code Red Hat:*}, {@code AlmaLinux:*}, {@code Rocky Linux:*}, {@code openSUSE:*}, {@code SUSE:*}</td><td>{@link RpmVersion}</td></tr>
 *   <tr><td>{@code Maven}</td><td>{@link MavenVersion}</td></tr>
 *   <tr><td>{@code npm}, {@code Go}, {@code crates.io}</td><td>{@link SemVerScheme}</td></tr>
 *   <tr><td>{@code PyPI}</td><td>{@link Pep440Version}</td></tr>
 *   <tr><td>{@code RubyGems}</td><td>{@link RubyGemsVersion}</td></tr>
 *   <tr><td>{@code Packagist}, {@code Packagist:*}</td><td>{@link ComposerVersion}</td></tr>
 *   <tr><td>{@code NuGet}</td><td>{@link NuGetVersion}</td></tr>
 * </table>
 */
public final class VersionSchemes {

  private static final Map<String, VersionScheme> EXACT = Map.ofEntries(
      Map.entry(EcosystemKeys.MAVEN, MavenVersion.INSTANCE),
      Map.entry(EcosystemKeys.NPM, SemVerScheme.INSTANCE),
      Map.entry(EcosystemKeys.GO, SemVerScheme.INSTANCE),
      Map.entry(EcosystemKeys.CRATES, SemVerScheme.INSTANCE),
      Map.entry(EcosystemKeys.PYPI, Pep440Version.INSTANCE),
      Map.entry(EcosystemKeys.RUBYGEMS, RubyGemsVersion.INSTANCE),
      Map.entry(EcosystemKeys.PACKAGIST, ComposerVersion.INSTANCE),
      Map.entry(EcosystemKeys.NUGET, NuGetVersion.INSTANCE),
      Map.entry("Debian", DebianVersion.INSTANCE),
      Map.entry("Ubuntu", DebianVersion.INSTANCE),
      Map.entry("Alpine", ApkVersion.INSTANCE),
      Map.entry("Wolfi", ApkVersion.INSTANCE),
      Map.entry("Chainguard", ApkVersion.INSTANCE));

  /** Keys whose {@code NAME:release} (or {@code NAME:repository}) variants share the scheme. */
  private static final Map<String, VersionScheme> BY_PREFIX = Map.of(
      "Debian", DebianVersion.INSTANCE,
      "Ubuntu", DebianVersion.INSTANCE,
      "Alpine", ApkVersion.INSTANCE,
      "Red Hat", RpmVersion.INSTANCE,
      "AlmaLinux", RpmVersion.INSTANCE,
      "Rocky Linux", RpmVersion.INSTANCE,
      "openSUSE", RpmVersion.INSTANCE,
      "SUSE", RpmVersion.INSTANCE,
      EcosystemKeys.PACKAGIST, ComposerVersion.INSTANCE);

  private VersionSchemes() {}

  /** The scheme of an ecosystem key such as {@code Debian:12} or {@code npm}; empty when unknown. */
  public static Optional<VersionScheme> forEcosystem(String key) {
    VersionScheme s = EXACT.get(key);
    if (s != null) {
      return Optional.of(s);
    }
    int colon = key.indexOf(':');
    if (colon > 0 && colon < key.length() - 1) {
      return Optional.ofNullable(BY_PREFIX.get(key.substring(0, colon)));
    }
    return Optional.empty();
  }
}
