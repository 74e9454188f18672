package dev.drydock.vuln.db.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic feeds in the real formats for the benchmark: an osv.dev-style zip of OSV
 * records (one JSON file per record, GitHub-shaped: aliases, summary, details of realistic length,
 * CVSS v3.1 and sometimes v4.0 vectors, {@code database_specific.severity}, 1–3 affected entries
 * with ECOSYSTEM/SEMVER ranges, references) and a Debian tracker export (source package → CVE →
 * four releases with resolved/open/undetermined statuses and urgencies). Deterministic (seeded).
 */
public final class FeedGenerator {

  /** Ecosystems of the OSV zip and how many distinct package names each has. */
  static final List<String> ECOSYSTEMS = List.of("npm", "Maven", "PyPI", "Go", "crates.io", "RubyGems", "Packagist", "NuGet");
  public static final int NAMES_PER_ECOSYSTEM = 60_000;
  public static final int DEBIAN_PACKAGES = 30_000;
  private static final String[] CVSS3 = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"};
  private static final String[] CVSS4 = {
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N"};
  private static final String[] GH_SEVERITY = {"LOW", "MODERATE", "HIGH", "CRITICAL"};
  private static final String[] CODENAMES = {"bookworm", "bullseye", "trixie", "sid"};
  private static final String[] URGENCY = {"not yet assigned", "low", "medium", "high", "unimportant", "medium**"};
  private static final String LOREM = "A crafted request can make the parser read past the end of its buffer, "
      + "which lets a remote attacker crash the process or, in some configurations, execute code. "
      + "Versions before the fixed release do not validate the length field of the header. ";

  private static final JsonFactory JSON = new JsonFactory();

  private FeedGenerator() {}

  /** The package name {@code i} of an ecosystem, in that ecosystem's naming style. */
  public static String name(String ecosystem, int i) {
    return switch (ecosystem) {
      case "Maven" -> "org.example.group" + (i % 997) + ":artifact-" + i;
      case "Go" -> "github.com/example" + (i % 991) + "/module" + i;
      case "Packagist" -> "vendor" + (i % 983) + "/package-" + i;
      case "PyPI" -> "py-package-" + i;
      default -> "package-" + i;
    };
  }

  public static String debianName(int i) {
    return "srcpkg" + i;
  }

  /** Writes {@code count} OSV records into a zip; returns the number of affected entries written. */
  public static long osvZip(Path zip, int count, long seed) throws IOException {
    Random r = new Random(seed);
    long affected = 0;
    try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 20))) {
      out.setLevel(1);
      for (int i = 0; i < count; i++) {
        String id = String.format("GHSA-%04x-%04x-%04x", i >>> 16, i & 0xffff, r.nextInt(0x10000));
        out.putNextEntry(new ZipEntry(id + ".json"));
        affected += osvRecord(out, id, i, r);
        out.closeEntry();
      }
    }
    return affected;
  }

  private static int osvRecord(OutputStream out, String id, int i, Random r) throws IOException {
    JsonGenerator g = JSON.createGenerator(new NonClosing(out), JsonEncoding.UTF8);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("schema_version", "1.4.0");
    g.writeStringField("id", id);
    g.writeStringField("modified", "2024-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T12:00:00Z");
    g.writeStringField("published", "2023-0" + (1 + r.nextInt(9)) + "-0" + (1 + r.nextInt(9)) + "T08:30:00Z");
    g.writeArrayFieldStart("aliases");
    g.writeString("CVE-" + (2015 + i % 10) + "-" + (10000 + i));
    g.writeEndArray();
    g.writeStringField("summary", "Out-of-bounds read in the header parser of package " + i);
    g.writeStringField("details", LOREM.repeat(1 + r.nextInt(4)));
    g.writeArrayFieldStart("severity");
    g.writeStartObject();
    g.writeStringField("type", "CVSS_V3");
    g.writeStringField("score", CVSS3[r.nextInt(CVSS3.length)]);
    g.writeEndObject();
    if (r.nextInt(5) == 0) {
      g.writeStartObject();
      g.writeStringField("type", "CVSS_V4");
      g.writeStringField("score", CVSS4[r.nextInt(CVSS4.length)]);
      g.writeEndObject();
    }
    g.writeEndArray();
    String ecosystem = ECOSYSTEMS.get(i % ECOSYSTEMS.size());
    int entries = 1 + (r.nextInt(10) == 0 ? 1 + r.nextInt(2) : 0);
    g.writeArrayFieldStart("affected");
    for (int e = 0; e < entries; e++) {
      g.writeStartObject();
      g.writeObjectFieldStart("package");
      g.writeStringField("ecosystem", ecosystem);
      g.writeStringField("name", name(ecosystem, r.nextInt(NAMES_PER_ECOSYSTEM)));
      g.writeEndObject();
      g.writeArrayFieldStart("ranges");
      g.writeStartObject();
      g.writeStringField("type", ecosystem.equals("Go") || ecosystem.equals("npm") ? "SEMVER" : "ECOSYSTEM");
      g.writeArrayFieldStart("events");
      int major = r.nextInt(5);
      g.writeStartObject();
      g.writeStringField("introduced", r.nextBoolean() ? "0" : major + ".0.0");
      g.writeEndObject();
      g.writeStartObject();
      g.writeStringField(r.nextInt(8) == 0 ? "last_affected" : "fixed", major + "." + r.nextInt(20) + "." + r.nextInt(10));
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeObjectFieldStart("database_specific");
      g.writeStringField("source", "https://github.com/github/advisory-database/blob/main/advisories/" + id + ".json");
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("references");
    for (int k = 0; k < 3 + r.nextInt(3); k++) {
      g.writeStartObject();
      g.writeStringField("type", k == 0 ? "ADVISORY" : "WEB");
      g.writeStringField("url", k == 0 ? "https://nvd.nist.gov/vuln/detail/CVE-" + (2015 + i % 10) + "-" + (10000 + i)
          : "https://github.com/example/project" + i + "/commit/" + Long.toHexString(r.nextLong()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("database_specific");
    g.writeArrayFieldStart("cwe_ids");
    g.writeString("CWE-" + (20 + r.nextInt(900)));
    g.writeEndArray();
    g.writeStringField("severity", GH_SEVERITY[r.nextInt(GH_SEVERITY.length)]);
    g.writeBooleanField("github_reviewed", true);
    g.writeEndObject();
    g.writeEndObject();
    g.close();
    return entries;
  }

  /**
   * Writes a tracker export with {@link #DEBIAN_PACKAGES} packages and {@code issues} (package, CVE)
   * records; returns the number of distinct CVE ids.
   */
  public static int debianTracker(Path file, int issues, long seed) throws IOException {
    Random r = new Random(seed);
    int perPackage = Math.max(1, issues / DEBIAN_PACKAGES);
    int cve = 0;
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
      g.writeStartObject();
      int written = 0;
      for (int p = 0; p < DEBIAN_PACKAGES && written < issues; p++) {
        g.writeObjectFieldStart(debianName(p));
        for (int k = 0; k < perPackage + (p < issues % DEBIAN_PACKAGES ? 1 : 0) && written < issues; k++, written++) {
          // a package's first issue is, one time in ten, the previous package's last (bundled copies), as in the real tracker
          String id = k == 0 && cve > 0 && r.nextInt(10) == 0 ? "CVE-2023-" + (100000 + cve - 1) : "CVE-2023-" + (100000 + cve++);
          g.writeObjectFieldStart(id);
          g.writeStringField("description", LOREM);
          g.writeStringField("scope", r.nextBoolean() ? "remote" : "local");
          g.writeObjectFieldStart("releases");
          for (String codename : CODENAMES) {
            g.writeObjectFieldStart(codename);
            int s = r.nextInt(10);
            String status = s < 6 ? "resolved" : s < 9 ? "open" : "undetermined";
            g.writeStringField("status", status);
            g.writeObjectFieldStart("repositories");
            g.writeStringField(codename, "1." + r.nextInt(9) + "-" + r.nextInt(5));
            g.writeEndObject();
            if (status.equals("resolved")) {
              g.writeStringField("fixed_version", r.nextInt(8) == 0 ? "0" : "1." + r.nextInt(9) + "-" + (1 + r.nextInt(4)));
            }
            g.writeStringField("urgency", URGENCY[r.nextInt(URGENCY.length)]);
            if (status.equals("open") && r.nextInt(3) == 0) {
              g.writeStringField("nodsa", "Minor issue");
              g.writeStringField("nodsa_reason", r.nextBoolean() ? "ignored" : "postponed");
            }
            g.writeEndObject();
          }
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return cve;
  }

  /** Keeps Jackson from closing the zip stream when a record's generator is closed. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
