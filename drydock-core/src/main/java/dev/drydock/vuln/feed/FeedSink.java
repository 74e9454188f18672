package dev.drydock.vuln.feed;

import dev.drydock.vuln.advisory.Advisory;
import java.io.IOException;

/**
 * Receives what a {@link FeedReader} makes of a feed: advisories, and an account of everything
 * it did not import or imported with a caveat, so that nothing is dropped silently.
 */
public interface FeedSink {

  /**
   * One advisory. Readers of feeds that list a vulnerability once per package (Debian, Alpine)
   * hand over one advisory per package; the sink merges advisories with the same id.
   *
   * @throws IOException when the sink cannot store it (the import then fails as a whole)
   */
  void advisory(Advisory advisory) throws IOException;

  /**
   * A record, or a part of one (an affected package, a release), that was not imported, e.g.
   * {@code withdrawn advisory}, {@code unsupported ecosystem Android},
   * {@code not affected (fixed_version 0)}. Counted per reason.
   */
  void skipped(String reason);

  /**
   * Something imported with a caveat, e.g. {@code GIT range kept (no version semantics)},
   * {@code invalid CVSS vector ignored}. Counted per reason.
   */
  void warning(String reason);
}
