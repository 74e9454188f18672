package dev.drydock.report;

import dev.drydock.index.Package;
import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.Vulnerability;
import dev.drydock.vuln.VulnerabilityReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.vulnerability.Vulnerability.Affect;
import org.cyclonedx.model.vulnerability.Vulnerability.Rating;
import org.cyclonedx.model.vulnerability.Vulnerability.Source;
import org.cyclonedx.model.vulnerability.Vulnerability.Version;

/**
 * CycloneDX {@code vulnerabilities[]}: one entry per (vulnerability, package), with the feed as
 * source, a rating carrying severity, score, method and vector, {@code affects[].ref} pointing
 * at the package's component, and the fixed version as an {@code unaffected} version range.
 *
 * @see <a href="https://cyclonedx.org/docs/1.6/json/#vulnerabilities">CycloneDX 1.6 vulnerabilities</a>
 */
final class CycloneDxVulnerabilities {
  private CycloneDxVulnerabilities() {}

  static List<org.cyclonedx.model.vulnerability.Vulnerability> of(VulnerabilityReport report, List<Package> packages,
      Map<Package, String> refOf) {
    List<org.cyclonedx.model.vulnerability.Vulnerability> out = new ArrayList<>();
    for (Vulnerability v : report.vulnerabilities()) {
      var cv = new org.cyclonedx.model.vulnerability.Vulnerability();
      cv.setBomRef(v.id() + "#" + out.size());
      cv.setId(v.id());
      Source source = new Source();
      source.setName(v.dataSource());
      cv.setSource(source);
      Rating rating = new Rating();
      rating.setSeverity(severity(v.severity()));
      if (v.cvssScore() != null) {
        rating.setScore(v.cvssScore());
      }
      if (v.cvssVector() != null) {
        rating.setVector(v.cvssVector());
        rating.setMethod(method(v.cvssVector()));
      }
      Source ratingSource = new Source();
      ratingSource.setName(v.severitySource());
      rating.setSource(ratingSource);
      cv.setRatings(List.of(rating));
      if (v.title() != null) {
        cv.setDescription(v.title());
      }
      if (v.fixedVersion() != null) {
        cv.setRecommendation("Upgrade " + v.packageName() + " to " + v.fixedVersion() + " or later.");
      }
      Affect affect = new Affect();
      affect.setRef(refFor(v, packages, refOf));
      Version installed = new Version();
      installed.setVersion(v.installedVersion());
      installed.setStatus(Version.Status.AFFECTED);
      List<Version> versions = new ArrayList<>(List.of(installed));
      if (v.fixedVersion() != null) {
        Version fixed = new Version();
        fixed.setVersion(v.fixedVersion());
        fixed.setStatus(Version.Status.UNAFFECTED);
        versions.add(fixed);
      }
      affect.setVersions(versions);
      cv.setAffects(List.of(affect));
      List<Property> props = new ArrayList<>();
      props.add(prop("drydock:status", v.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
      if (!v.aliases().isEmpty()) {
        props.add(prop("drydock:aliases", String.join(",", v.aliases())));
      }
      cv.setProperties(props);
      out.add(cv);
    }
    return out;
  }

  private static String refFor(Vulnerability v, List<Package> packages, Map<Package, String> refOf) {
    for (Package p : packages) {
      if (Objects.equals(p.purl(), v.purl()) && p.path().equals(v.path()) && p.displayName().equals(v.packageName())) {
        return refOf.get(p);
      }
    }
    return v.purl() != null ? v.purl() : v.packageName();
  }

  private static Rating.Severity severity(Severity s) {
    return switch (s) {
      case CRITICAL -> Rating.Severity.CRITICAL;
      case HIGH -> Rating.Severity.HIGH;
      case MEDIUM -> Rating.Severity.MEDIUM;
      case LOW -> Rating.Severity.LOW;
      case UNKNOWN -> Rating.Severity.UNKNOWN;
    };
  }

  private static Rating.Method method(String vector) {
    if (vector.startsWith("CVSS:4")) {
      return Rating.Method.CVSSV4;
    }
    if (vector.startsWith("CVSS:3.1")) {
      return Rating.Method.CVSSV31;
    }
    if (vector.startsWith("CVSS:3")) {
      return Rating.Method.CVSSV3;
    }
    return Rating.Method.CVSSV2;
  }

  private static Property prop(String name, String value) {
    Property p = new Property();
    p.setName(name);
    p.setValue(value);
    return p;
  }
}
