package dev.drydock.index;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One installed package.
 *
 * @param version the version exactly as the ecosystem writes it: dpkg {@code [epoch:]upstream[-revision]},
 *     rpm {@code [epoch:]version-release}, apk {@code 1.2.3-r4}, Maven/npm/PyPI/Go as declared
 * @param namespace Maven groupId; null elsewhere (npm scopes stay part of the name)
 * @param sourceName the source package (dpkg {@code Source}, apk {@code origin}, rpm source rpm name)
 * @param sourceVersion the source package's version when it differs from {@code version}
 * @param path the file the package was found in (a database or a manifest); nested archives as
 *     {@code outer.war!/WEB-INF/lib/inner.jar}
 * @param attributes ecosystem specifics (rpm {@code epoch}/{@code release}/{@code sourceRpm}, Go
 *     {@code goVersion} …), sorted by key
 * @param purl package-url, filled when layers are merged (it needs the OS)
 * @param layer digest of the layer that introduced this package, filled when layers are merged
 */
public record Package(
    Ecosystem ecosystem,
    String name,
    String version,
    @Nullable String namespace,
    @Nullable String arch,
    @Nullable String sourceName,
    @Nullable String sourceVersion,
    String path,
    Map<String, String> attributes,
    @Nullable String purl,
    @Nullable String layer) {

  public Package {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("package without a name in " + path);
    }
    attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  /** A package as an analyzer reports it, before merging fills purl and layer. */
  public static Package of(Ecosystem ecosystem, String name, String version, String path) {
    return new Package(ecosystem, name, version, null, null, null, null, path, Map.of(), null, null);
  }

  public Package withNamespace(@Nullable String ns) {
    return new Package(ecosystem, name, version, ns, arch, sourceName, sourceVersion, path, attributes, purl, layer);
  }

  public Package withArch(@Nullable String a) {
    return new Package(ecosystem, name, version, namespace, a, sourceName, sourceVersion, path, attributes, purl, layer);
  }

  public Package withSource(@Nullable String srcName, @Nullable String srcVersion) {
    return new Package(ecosystem, name, version, namespace, arch, srcName, srcVersion, path, attributes, purl, layer);
  }

  public Package withAttributes(Map<String, String> attrs) {
    return new Package(ecosystem, name, version, namespace, arch, sourceName, sourceVersion, path, attrs, purl, layer);
  }

  public Package withPurl(@Nullable String p) {
    return new Package(ecosystem, name, version, namespace, arch, sourceName, sourceVersion, path, attributes, p, layer);
  }

  public Package withLayer(@Nullable String l) {
    return new Package(ecosystem, name, version, namespace, arch, sourceName, sourceVersion, path, attributes, purl, l);
  }

  /** Identity within one database file: what must stay equal for a package to count as unchanged. */
  public String identity() {
    return ecosystem + "|" + namespace + "|" + name + "|" + version + "|" + arch;
  }

  /** {@code group:artifact} for Maven, the name elsewhere. */
  public String displayName() {
    return namespace == null ? name : namespace + ":" + name;
  }
}
