package dev.drydock.image;

/**
 * A registry answered with an error, or could not be reached.
 *
 * <p>{@link #isTransient()} tells callers whether retrying later can help (429, 5xx, connection
 * failures) or whether the answer is final (404, 401, 400); a task queue must never record a
 * transient failure as permanent.
 */
public class RegistryException extends ImageException {
  private final int status;
  private final boolean transientFailure;

  public RegistryException(String message, int status, boolean transientFailure) {
    super(message);
    this.status = status;
    this.transientFailure = transientFailure;
  }

  public RegistryException(String message, int status, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.transientFailure = transientFailure;
  }

  /** The HTTP status, or 0 when no response was received. */
  public int status() {
    return status;
  }

  public boolean isTransient() {
    return transientFailure;
  }

  /** The registry does not have the manifest (or repository) asked for. */
  public static final class ManifestUnknown extends RegistryException {
    public ManifestUnknown(String what) {
      super("manifest unknown: " + what, 404, false);
    }
  }

  /** Credentials were missing or refused. */
  public static final class Unauthorized extends RegistryException {
    public Unauthorized(String what, String detail) {
      super("unauthorized: " + detail + ": " + what, 401, false);
    }
  }
}
