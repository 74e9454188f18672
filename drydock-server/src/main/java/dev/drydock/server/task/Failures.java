package dev.drydock.server.task;

import dev.drydock.image.DigestMismatchException;
import dev.drydock.image.RegistryException;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Whether a failed scan step may succeed if tried again later. Transient: registry answers that
 * say so (429, 5xx, no connection: {@link RegistryException#isTransient()}), sockets that fail or
 * time out, a body cut short, and the advisory database being busy. Everything else is permanent:
 * the registry's final answers (401, 404 …), a blob whose content does not match its digest, an
 * image that cannot be read. A transient failure is never recorded as the job's result while
 * attempts remain.
 */
final class Failures {
  private Failures() {}

  /** A failure known to be final, with the reason to record. */
  static final class Permanent extends RuntimeException {
    Permanent(String message) {
      super(message);
    }
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Permanent || t instanceof DigestMismatchException) {
        return false;
      }
      if (t instanceof RegistryException r) {
        return r.isTransient();
      }
      if (t instanceof ConnectException || t instanceof SocketException || t instanceof HttpTimeoutException
          || t instanceof InterruptedIOException || t instanceof EOFException
          || t instanceof dev.drydock.vuln.db.AdvisoryDatabaseException
          || t instanceof org.springframework.dao.TransientDataAccessException) {
        return true;
      }
      if (t instanceof UncheckedIOException u && u.getCause() != null) {
        return isTransient(u.getCause());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** One line naming what failed, with the registry password (if any) masked. */
  static String describe(Throwable e, @Nullable String password) {
    String m = e.getMessage();
    String reason = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    if (!(e instanceof Permanent) && !(e instanceof java.io.IOException)) {
      reason = e.getClass().getSimpleName() + ": " + reason;
    }
    reason = reason.replace('\n', ' ');
    return password == null || password.isEmpty() ? reason : reason.replace(password, "******");
  }
}
