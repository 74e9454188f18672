package dev.drydock.index.rpm;

/**
 * Where an rpm database reader delivers the header blobs it finds, one at a time, so that no
 * reader holds a whole database's headers at once.
 */
interface RecordSink {

  /**
   * One header blob.
   *
   * @param record the database's own number for it (sqlite {@code hnum}, Berkeley DB key, NDB
   *     package index), for ordering and messages
   * @return false when the reader should stop: the sink has taken all it will
   */
  boolean header(long record, byte[] blob);

  /** A part of the database that could not be read; reading goes on with the rest. */
  void problem(String message);
}
