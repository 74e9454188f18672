package dev.drydock.vuln;

import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the matcher needs from an advisory database: which ecosystems it covers, and the
 * affected entries of a batch of packages in one ecosystem.
 */
public interface AdvisorySource {

  /** The database's identity, as reports state it. */
  VulnerabilityReport.DatabaseInfo info();

  /** The ecosystem keys that hold at least one affected entry. */
  Set<String> ecosystems();

  /**
   * The affected entries for the given package names in one ecosystem, by name; names with no
   * entry are absent from the map. Must be efficient for batches of hundreds of names.
   */
  Map<String, List<Match>> lookup(String ecosystem, Collection<String> packageNames);

  /** One affected entry with the advisory it belongs to ({@code advisory.affected()} may be empty). */
  record Match(Advisory advisory, Affected affected) {}
}
