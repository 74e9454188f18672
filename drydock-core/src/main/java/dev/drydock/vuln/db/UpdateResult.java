package dev.drydock.vuln.db;

import java.time.Duration;

/** What updating one {@link FeedSource} did. */
public sealed interface UpdateResult {

  FeedSource source();

  /** New content was downloaded and imported. */
  record Updated(FeedSource source, ImportResult result) implements UpdateResult {}

  /**
   * Nothing to import: the server answered 304 Not Modified to the stored validators, or sent
   * exactly the bytes already imported. The check is recorded.
   *
   * @param reason {@code not modified (304)} or {@code same content (sha256)}
   */
  record Unchanged(FeedSource source, String reason, Duration elapsed) implements UpdateResult {}

  /**
   * The download or the import failed; the source keeps its previous data.
   *
   * @param message one line naming what failed
   */
  record Failed(FeedSource source, String message) implements UpdateResult {}
}
