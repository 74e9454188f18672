package dev.drydock.vuln.db;

import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;

/**
 * One affected entry a lookup found, with the advisory it belongs to. The matcher decides from
 * {@code affected}'s ranges, versions and state whether an installed version is vulnerable.
 *
 * @param advisory the advisory's own fields; its {@link Advisory#affected()} list is left empty
 *     (the entry that matched is {@code affected}; {@link AdvisoryDatabase#find} returns whole
 *     advisories). Candidates of one advisory share one instance per lookup call.
 * @param source the name of the database source the entry came from
 */
public record Candidate(Advisory advisory, Affected affected, String source) {}
