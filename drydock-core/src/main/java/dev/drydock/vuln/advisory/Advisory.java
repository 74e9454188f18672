package dev.drydock.vuln.advisory;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One advisory as the advisory database stores it, whatever feed it came from.
 *
 * @param id the feed's identifier: {@code CVE-2021-44228}, {@code GHSA-jfh8-c2jp-5v3q}, {@code DSA-5022-1} …
 * @param aliases other identifiers of the same vulnerability (CVE ids first when known)
 * @param source the importer that produced it: {@code osv}, {@code debian-tracker}, {@code alpine-secdb}
 * @param severity the feed's own severity when it has one, else computed from the CVSS vector
 * @param severitySource where {@code severity} came from: {@code ghsa}, {@code debian-urgency},
 *     {@code cvss:3.1}, {@code cvss:4.0} …, or {@code none}
 * @param affected the packages it affects, per ecosystem
 */
public record Advisory(
    String id,
    List<String> aliases,
    String source,
    @Nullable String title,
    @Nullable String description,
    Severity severity,
    String severitySource,
    @Nullable String cvssVector,
    @Nullable Double cvssScore,
    @Nullable Instant published,
    @Nullable Instant modified,
    List<String> references,
    List<Affected> affected) {

  public Advisory {
    if (id.isBlank()) {
      throw new IllegalArgumentException("advisory without id");
    }
    aliases = List.copyOf(aliases);
    references = List.copyOf(references);
    affected = List.copyOf(affected);
  }
}
