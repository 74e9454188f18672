package dev.drydock.index.rpm;

/** A database or header that does not follow its format; the message says where and how. */
final class RpmDbException extends Exception {

  private static final long serialVersionUID = 1L;

  RpmDbException(String message) {
    super(message);
  }

  RpmDbException(String message, Throwable cause) {
    super(message, cause);
  }
}
