package dev.drydock.vuln.db;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code drydock db status} shows.
 *
 * @param builtAt when the content last changed (the last successful import); null for an empty
 *     database
 * @param advisories advisories over all sources (an advisory present in two sources counts twice)
 * @param affected affected entries over all sources
 * @param sources sources by name
 */
public record DatabaseStatus(
    Path path,
    int schemaVersion,
    @Nullable Instant builtAt,
    long advisories,
    long affected,
    List<SourceStatus> sources) {

  public DatabaseStatus {
    sources = List.copyOf(sources);
  }

  /**
   * Affected entries per ecosystem key over all sources: which distribution releases and
   * language ecosystems the database covers. A matcher should say so when an image's key is
   * absent (no data is not the same as no vulnerabilities).
   */
  public SortedMap<String, Long> ecosystems() {
    SortedMap<String, Long> out = new TreeMap<>();
    sources.forEach(s -> s.ecosystems().forEach((k, v) -> out.merge(k, v, Long::sum)));
    return Collections.unmodifiableSortedMap(out);
  }
}
