package dev.drydock.index;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds package-urls. OS packages carry the distribution as namespace and the {@code arch},
 * {@code epoch} (rpm, when not 0), {@code upstream} (source package) and {@code distro}
 * ({@code id-versionId}) qualifiers, as Trivy and Syft write them, so matchers and other tools
 * can key on them.
 *
 * @see <a href="https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst">purl types</a>
 */
public final class PackageUrls {

  private PackageUrls() {}

  /** The purl of a package, or null when its fields cannot form one (never throws). */
  public static @Nullable String of(Package p, @Nullable OsRelease os) {
    try {
      TreeMap<String, String> q = new TreeMap<>();
      String namespace = null;
      String name = p.name();
      String version = p.version();
      switch (p.ecosystem()) {
        case DEB, APK, RPM -> {
          namespace = os != null ? os.id() : defaultNamespace(p.ecosystem());
          if (p.arch() != null) {
            q.put("arch", p.arch());
          }
          if (p.ecosystem() == Ecosystem.RPM) {
            String epoch = p.attributes().get("epoch");
            if (epoch != null && !epoch.equals("0")) {
              q.put("epoch", epoch);
            }
            // rpm purls carry version-release without the epoch, which is a qualifier.
            int colon = version.indexOf(':');
            if (colon >= 0) {
              version = version.substring(colon + 1);
            }
          }
          if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
            q.put("upstream", p.sourceVersion() == null || p.sourceVersion().equals(p.version())
                ? p.sourceName() : p.sourceName() + "@" + p.sourceVersion());
          }
          if (os != null) {
            q.put("distro", os.distro());
          }
        }
        case MAVEN -> namespace = p.namespace();
        case NPM -> {
          if (name.startsWith("@") && name.contains("/")) {
            namespace = name.substring(0, name.indexOf('/'));
            name = name.substring(name.indexOf('/') + 1);
          }
        }
        case PYPI -> name = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        case GOLANG -> {
          int slash = name.lastIndexOf('/');
          if (slash > 0) {
            namespace = name.substring(0, slash);
            name = name.substring(slash + 1);
          }
        }
      }
      return new PackageURL(p.ecosystem().purlType(), namespace, name, version.isEmpty() ? null : version,
          q.isEmpty() ? null : q, null).canonicalize();
    } catch (MalformedPackageURLException | RuntimeException e) {
      return null;
    }
  }

  private static String defaultNamespace(Ecosystem e) {
    return switch (e) {
      case DEB -> "debian";
      case APK -> "alpine";
      default -> "unknown";
    };
  }
}
