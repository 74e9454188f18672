package dev.drydock.index.rpm;

/**
 * Receives what a database reader finds: each stored package header, and each part of the
 * database it could not read. Readers call it in storage order, one blob at a time, so at most one
 * header is on the heap.
 */
interface HeaderBlobVisitor {

  /**
   * One stored header.
   *
   * @param record the record's number in the database (sqlite {@code hnum}, Berkeley DB key, NDB
   *     package index), which is the same number in all three formats of one database
   * @param blob the header blob as stored: index count, data length, index, data store
   */
  void header(long record, byte[] blob);

  /** Something that could not be read; reading goes on with the next record. */
  void problem(String message);
}
