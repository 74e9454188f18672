package dev.drydock.vuln.db;

/**
 * The file is an advisory database of another schema version (or not one at all). The message
 * says what was found and how to get a usable database.
 */
public class IncompatibleDatabaseException extends AdvisoryDatabaseException {

  private final int found;

  public IncompatibleDatabaseException(String message, int found) {
    super(message);
    this.found = found;
  }

  /** The schema version found in the file; 0 when the file is not a Drydock advisory database. */
  public int foundVersion() {
    return found;
  }
}
