/**
 * Advisory feed readers: each turns one feed file into {@link dev.drydock.vuln.advisory.Advisory}
 * records, streaming, and reports what it skips.
 *
 * <ul>
 *   <li>{@link dev.drydock.vuln.feed.osv.OsvReader}: OSV JSON (file, directory tree, zip);
 *   <li>{@link dev.drydock.vuln.feed.debian.DebianTrackerReader}: the Debian Security Tracker export;
 *   <li>{@link dev.drydock.vuln.feed.alpine.AlpineSecdbReader}: Alpine secdb.
 * </ul>
 *
 * {@link dev.drydock.vuln.feed.FeedKind#detect} tells them apart by content. Malformed input is a
 * {@link dev.drydock.vuln.feed.FeedException} naming the file and the record (position and id);
 * records or parts of records a reader does not import (withdrawn, unsupported ecosystem, "not
 * affected") go to {@link dev.drydock.vuln.feed.FeedSink#skipped}, caveats to
 * {@link dev.drydock.vuln.feed.FeedSink#warning}: nothing is dropped silently.
 */
package dev.drydock.vuln.feed;
