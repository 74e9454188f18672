package dev.drydock.vuln.db;

import dev.drydock.vuln.feed.FeedKind;
import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What importing one source did.
 *
 * @param source the source's name in the database (for files: the absolute path)
 * @param location the file path or URL it was read from
 * @param sha256 hex SHA-256 of what was imported (see {@link dev.drydock.vuln.feed.FeedInput#sha256})
 * @param advisories distinct advisories stored
 * @param affected affected entries stored
 * @param merged advisories the feed listed again under the same id (Debian and Alpine list an issue
 *     once per package), merged into the first
 * @param ecosystems affected entries stored per ecosystem key
 * @param skipped records or parts of records not imported, per reason
 * @param warnings caveats of imported records, per reason
 */
public record ImportResult(
    String source,
    FeedKind kind,
    String location,
    String sha256,
    long advisories,
    long affected,
    long merged,
    SortedMap<String, Long> ecosystems,
    SortedMap<String, Long> skipped,
    SortedMap<String, Long> warnings,
    Duration elapsed) {

  public ImportResult {
    ecosystems = Collections.unmodifiableSortedMap(new TreeMap<>(ecosystems));
    skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    warnings = Collections.unmodifiableSortedMap(new TreeMap<>(warnings));
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }

  public long warningsTotal() {
    return warnings.values().stream().mapToLong(Long::longValue).sum();
  }
}
