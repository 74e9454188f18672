package dev.drydock.vuln.feed;

/**
 * A record that does not have the shape its format requires (a missing id, a string where an
 * array belongs …). Record mappers throw it with the JSON path of the problem; readers add the
 * file and the record's position and identifier ({@link FeedException}).
 */
public class RecordException extends Exception {
  public RecordException(String message) {
    super(message);
  }
}
