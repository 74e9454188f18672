package dev.drydock.vuln.db;

import dev.drydock.vuln.feed.FeedKind;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One imported source as the database records it.
 *
 * @param ecosystems affected entries per ecosystem key ({@code Debian:12}, {@code npm} …)
 * @param importedAt when its current data was imported
 * @param checkedAt when it was last imported or found unchanged by the updater
 * @param etag the HTTP {@code ETag} of what was imported (HTTP sources)
 * @param lastModified the HTTP {@code Last-Modified} of what was imported (HTTP sources)
 */
public record SourceStatus(
    String name,
    FeedKind kind,
    String location,
    String sha256,
    long advisories,
    long affected,
    SortedMap<String, Long> ecosystems,
    SortedMap<String, Long> skipped,
    SortedMap<String, Long> warnings,
    Instant importedAt,
    Instant checkedAt,
    @Nullable String etag,
    @Nullable String lastModified) {

  public SourceStatus {
    ecosystems = Collections.unmodifiableSortedMap(new TreeMap<>(ecosystems));
    skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    warnings = Collections.unmodifiableSortedMap(new TreeMap<>(warnings));
  }

  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
