package dev.drydock.vuln.feed;

import java.io.IOException;
import java.nio.file.Path;

/** Turns one feed file (or directory) of one {@link FeedKind} into advisories, streaming. */
public interface FeedReader {

  FeedKind kind();

  /**
   * Reads every record of {@code input} into {@code sink}.
   *
   * @param label how messages name the input (usually its path)
   * @throws FeedException when the input or a record is malformed; the caller must then discard
   *     everything the sink received (the database does so by rolling back)
   * @throws IOException when reading the input or storing into the sink fails
   */
  void read(Path input, String label, FeedSink sink) throws IOException;
}
