/**
 * The advisory database: one SQLite file ({@link dev.drydock.vuln.db.AdvisoryDatabase}, default
 * {@code $XDG_DATA_HOME/drydock/advisories.db}) filled from feed files or by the
 * {@link dev.drydock.vuln.db.Updater}, and queried by the matcher.
 *
 * <ul>
 *   <li>Import: {@code importFiles(paths)} detects each file's kind from its content and imports it
 *       as one source in one transaction; a malformed record fails the import with a
 *       {@link dev.drydock.vuln.feed.FeedException} naming file and record, and nothing of that
 *       source changes. What was skipped or imported with a caveat is counted per reason in the
 *       {@link dev.drydock.vuln.db.ImportResult} and kept with the source.
 *   <li>Lookup: {@code affecting(ecosystemKey, packageNames)} returns the affected entries with
 *       their advisories ({@link dev.drydock.vuln.db.Candidate}); the matcher evaluates the ranges
 *       with its version schemes. {@code find(id)} returns whole advisories by id or alias.
 *   <li>Status: schema version, build time, per-source kind, location, checksum, counts, skip
 *       reasons, HTTP validators, and the ecosystems covered.
 *   <li>Update: {@link dev.drydock.vuln.db.FeedSource#defaults()} lists osv.dev's per-ecosystem
 *       exports, the Debian tracker and Alpine secdb; the updater downloads them with conditional
 *       requests and imports what changed, source by source.
 * </ul>
 *
 * The schema is described in {@code Schema}; a file of another schema version is refused.
 */
package dev.drydock.vuln.db;
