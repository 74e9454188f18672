package dev.drydock.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drydock.index.Finding;
import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.Vulnerability;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 through the java-sarif model: one rule per vulnerability id and per finding rule,
 * one result per (vulnerability, package) located at the file the package was found in, and one
 * per finding at its file and line. Levels: CRITICAL/HIGH and serious/high → {@code error},
 * MEDIUM and suspicious/medium → {@code warning}, the rest → {@code note}. Rules carry GitHub's
 * {@code security-severity} (the CVSS score, or a stand-in per severity) so code-scanning UIs
 * rank them.
 *
 * @see <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF 2.1.0</a>
 */
public final class SarifReportWriter implements ReportWriter {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Override
  public void write(ImageReport report, OutputStream out) throws IOException {
    JSON.writeValue(out, sarif(report));
    out.write('\n');
  }

  static SarifSchema210 sarif(ImageReport report) {
    Map<String, ReportingDescriptor> rules = new LinkedHashMap<>();
    List<Result> results = new ArrayList<>();
    if (report.vulnerabilities() != null) {
      for (Vulnerability v : report.vulnerabilities().vulnerabilities()) {
        String id = v.cveOrId();
        rules.computeIfAbsent(id, k -> new ReportingDescriptor().withId(k).withName(k)
            .withShortDescription(text(v.title() != null ? v.title() : k))
            .withHelp(text(help(v)))
            .withProperties(new PropertyBag().withTags(Set.of("vulnerability", "security", v.ecosystem().purlType()))
                .withAdditionalProperty("security-severity", securitySeverity(v))));
        results.add(new Result().withRuleId(id).withLevel(level(v.severity()))
            .withMessage(new Message().withText(v.packageName() + " " + v.installedVersion() + " is affected by " + id
                + (v.fixedVersion() == null ? " (no fix: " + v.status().name().toLowerCase(Locale.ROOT) + ")"
                    : "; fixed in " + v.fixedVersion())))
            .withLocations(List.of(location(v.path(), null)))
            .withProperties(new PropertyBag().withAdditionalProperty("purl", v.purl() == null ? "" : v.purl())
                .withAdditionalProperty("layer", v.layer() == null ? "" : v.layer())));
      }
    }
    for (Finding f : report.findings()) {
      rules.computeIfAbsent(f.ruleId(), k -> new ReportingDescriptor().withId(k).withName(k)
          .withShortDescription(text(f.title()))
          .withProperties(new PropertyBag().withTags(Set.of(f.kind().name().toLowerCase(Locale.ROOT), "security"))));
      results.add(new Result().withRuleId(f.ruleId()).withLevel(level(f.level()))
          .withMessage(new Message().withText(f.title() + (f.evidence() == null ? "" : ": " + f.evidence())))
          .withLocations(List.of(location(f.path().isEmpty() ? "image-config" : f.path(), f.line())))
          .withProperties(new PropertyBag().withAdditionalProperty("layer", f.layer() == null ? "" : f.layer())));
    }
    Run run = new Run()
        .withTool(new Tool().withDriver(new ToolComponent().withName("drydock").withVersion(report.drydockVersion())
            .withInformationUri(URI.create("https://github.com/drydock-dev/drydock"))
            .withRules(new java.util.LinkedHashSet<>(rules.values()))))
        .withResults(results)
        .withProperties(new PropertyBag().withAdditionalProperty("image", report.index().image().name())
            .withAdditionalProperty("manifestDigest", report.index().image().manifestDigest())
            .withAdditionalProperty("complete", report.complete()));
    return new SarifSchema210().with$schema(URI.create("https://json.schemastore.org/sarif-2.1.0.json"))
        .withVersion(SarifSchema210.Version._2_1_0).withRuns(List.of(run));
  }

  private static Location location(String path, Integer line) {
    PhysicalLocation pl = new PhysicalLocation().withArtifactLocation(new ArtifactLocation().withUri(path));
    if (line != null) {
      pl.setRegion(new Region().withStartLine(line));
    }
    return new Location().withPhysicalLocation(pl);
  }

  private static MultiformatMessageString text(String s) {
    return new MultiformatMessageString().withText(s);
  }

  private static String help(Vulnerability v) {
    StringBuilder b = new StringBuilder(v.cveOrId());
    if (v.title() != null) {
      b.append(": ").append(v.title());
    }
    b.append("\nSeverity: ").append(v.severity()).append(" (").append(v.severitySource()).append(")");
    if (!v.references().isEmpty()) {
      b.append("\nReferences: ").append(String.join(" ", v.references().subList(0, Math.min(5, v.references().size()))));
    }
    return b.toString();
  }

  private static String securitySeverity(Vulnerability v) {
    if (v.cvssScore() != null) {
      return String.valueOf(v.cvssScore());
    }
    return switch (v.severity()) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "2.0";
      case UNKNOWN -> "0.0";
    };
  }

  private static Result.Level level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> Result.Level.ERROR;
      case MEDIUM -> Result.Level.WARNING;
      case LOW, UNKNOWN -> Result.Level.NOTE;
    };
  }

  private static Result.Level level(String findingLevel) {
    return switch (findingLevel.toLowerCase(Locale.ROOT)) {
      case "serious", "high", "critical" -> Result.Level.ERROR;
      case "suspicious", "medium" -> Result.Level.WARNING;
      default -> Result.Level.NOTE;
    };
  }
}
