package dev.drydock.vuln.db;

import java.io.IOException;

/** The advisory database cannot be opened, read or written; the message names the file. */
public class AdvisoryDatabaseException extends IOException {
  public AdvisoryDatabaseException(String message) {
    super(message);
  }

  public AdvisoryDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
