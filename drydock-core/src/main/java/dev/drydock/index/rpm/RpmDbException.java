package dev.drydock.index.rpm;

/** A database file that cannot be read at all: wrong format, unsupported variant, broken metadata. */
final class RpmDbException extends Exception {

  RpmDbException(String message) {
    super(message);
  }

  RpmDbException(String message, Throwable cause) {
    super(message, cause);
  }
}
