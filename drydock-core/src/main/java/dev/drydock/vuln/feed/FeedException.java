package dev.drydock.vuln.feed;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A feed file that cannot be imported. The message is one line naming the file and, when the
 * problem is in a record, the record's position (1-based, in the order the file lists records)
 * and identifier, e.g. {@code all.zip!/GHSA-jfh8-c2jp-5v3q.json: record 12 (GHSA-jfh8-c2jp-5v3q):
 * affected[0].ranges[0].events: expected an array, found a string}.
 */
public class FeedException extends IOException {

  private final String file;
  private final long record;
  private final @Nullable String recordId;

  public FeedException(String file, String message) {
    this(file, 0, null, message, null);
  }

  public FeedException(String file, String message, @Nullable Throwable cause) {
    this(file, 0, null, message, cause);
  }

  /**
   * @param record 1-based position of the record in the file, 0 when the problem is not in a record
   * @param recordId the record's identifier when known
   */
  public FeedException(String file, long record, @Nullable String recordId, String message, @Nullable Throwable cause) {
    super(file + ": " + (record > 0 ? "record " + record + (recordId != null ? " (" + recordId + ")" : "") + ": " : "")
        + message, cause);
    this.file = file;
    this.record = record;
    this.recordId = recordId;
  }

  /** The file (for archives {@code archive!/entry}) that holds the problem. */
  public String file() {
    return file;
  }

  /** 1-based position of the record at fault, 0 when the problem is not in one record. */
  public long record() {
    return record;
  }

  /** The identifier of the record at fault, when known. */
  public @Nullable String recordId() {
    return recordId;
  }
}
