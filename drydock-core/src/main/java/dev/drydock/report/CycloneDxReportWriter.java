package dev.drydock.report;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * CycloneDX 1.6 JSON through cyclonedx-core-java. {@code metadata.component} is the image (type
 * {@code container}, version = manifest digest, purl {@code pkg:oci/…}); each package is a
 * component with its purl and the properties {@code drydock:layer} (the introducing layer) and
 * {@code drydock:path}; the OS is a component of type {@code operating-system}; vulnerabilities
 * are {@code vulnerabilities[]} entries whose {@code affects[].ref} is the package's bom-ref.
 *
 * @see <a href="https://cyclonedx.org/docs/1.6/json/">CycloneDX 1.6 JSON reference</a>
 */
public final class CycloneDxReportWriter implements ReportWriter {

  @Override
  public void write(ImageReport report, OutputStream out) throws IOException {
    try {
      String json = BomGeneratorFactory.createJson(Version.VERSION_16, bom(report)).toJsonString(true);
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (GeneratorException e) {
      throw new IOException("CycloneDX generation failed: " + e.getMessage(), e);
    }
  }

  static Bom bom(ImageReport report) {
    IndexReport ix = report.index();
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    Metadata md = new Metadata();
    md.setTimestamp(Date.from(report.scannedAt()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("drydock");
    tool.setVersion(report.drydockVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    md.setToolChoice(tools);
    md.setComponent(imageComponent(ix));
    if (!report.complete()) {
      md.addProperty(property("drydock:incomplete", "true"));
    }
    bom.setMetadata(md);

    List<Component> components = new ArrayList<>();
    if (ix.os() != null) {
      Component os = new Component();
      os.setType(Component.Type.OPERATING_SYSTEM);
      os.setBomRef("os:" + ix.os().distro());
      os.setName(ix.os().id());
      if (ix.os().versionId() != null) {
        os.setVersion(ix.os().versionId());
      }
      if (ix.os().prettyName() != null) {
        os.setDescription(ix.os().prettyName());
      }
      components.add(os);
    }
    Set<String> refs = new HashSet<>();
    java.util.Map<Package, String> refOf = new java.util.IdentityHashMap<>();
    for (Package p : ix.packages()) {
      Component c = new Component();
      c.setType(Component.Type.LIBRARY);
      if (p.namespace() != null) {
        c.setGroup(p.namespace());
      }
      c.setName(p.name());
      c.setVersion(p.version());
      if (p.purl() != null) {
        c.setPurl(p.purl());
      }
      String ref = p.purl() != null ? p.purl() : p.ecosystem().purlType() + ":" + p.displayName() + "@" + p.version();
      if (!refs.add(ref)) {
        ref = ref + "#" + p.path();
        refs.add(ref);
      }
      c.setBomRef(ref);
      refOf.put(p, ref);
      List<Property> props = new ArrayList<>();
      if (p.layer() != null) {
        props.add(property("drydock:layer", p.layer()));
      }
      props.add(property("drydock:path", "/" + p.path()));
      props.add(property("drydock:type", p.ecosystem().purlType()));
      if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
        props.add(property("drydock:source", p.sourceName()
            + (p.sourceVersion() == null || p.sourceVersion().equals(p.version()) ? "" : "@" + p.sourceVersion())));
      }
      c.setProperties(props);
      components.add(c);
    }
    bom.setComponents(components);
    if (report.vulnerabilities() != null) {
      bom.setVulnerabilities(CycloneDxVulnerabilities.of(report.vulnerabilities(), ix.packages(), refOf));
    }
    return bom;
  }

  private static Component imageComponent(IndexReport ix) {
    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    String digest = ix.image().manifestDigest();
    image.setBomRef(digest);
    String repo = ix.image().name();
    if (ix.image().reference() != null) {
      String ref = ix.image().reference();
      repo = ref.contains("@") ? ref.substring(0, ref.indexOf('@')) : ref;
      int slash = repo.lastIndexOf('/');
      int colon = repo.lastIndexOf(':');
      if (colon > slash) {
        repo = repo.substring(0, colon);
      }
      try {
        String name = repo.substring(repo.lastIndexOf('/') + 1);
        TreeMap<String, String> q = new TreeMap<>();
        q.put("repository_url", repo);
        q.put("arch", ix.image().platform().split("/")[1]);
        image.setPurl(new PackageURL("oci", null, name, digest, q, null).canonicalize());
      } catch (MalformedPackageURLException | RuntimeException ignored) {
        // an image without a purl is still described by name and digest
      }
    }
    image.setName(repo);
    image.setVersion(digest);
    List<Property> props = new ArrayList<>();
    props.add(property("drydock:platform", ix.image().platform()));
    props.add(property("drydock:config", ix.image().configDigest()));
    ix.image().layers().forEach(l -> props.add(property("drydock:layer", l.digest())));
    image.setProperties(props);
    return image;
  }

  private static Property property(String name, String value) {
    Property p = new Property();
    p.setName(name);
    p.setValue(value);
    return p;
  }
}
