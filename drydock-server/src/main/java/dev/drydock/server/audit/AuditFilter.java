package dev.drydock.server.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit records to read: each present field narrows the result. {@code action} may use
 * {@code *} as a wildcard ({@code Describe*}); the others match exactly.
 *
 * @param limit at most this many records (oldest first)
 */
public record AuditFilter(Optional<Instant> since, Optional<Instant> until, Optional<String> accessKeyId,
    Optional<String> userName, Optional<String> action, Optional<String> code, int limit) {

  public static AuditFilter all() {
    return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Integer.MAX_VALUE);
  }
}
