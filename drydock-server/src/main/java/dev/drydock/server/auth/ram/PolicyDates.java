package dev.drydock.server.auth.ram;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Dates in Date* conditions: ISO 8601 with an offset ({@code 2030-01-01T00:00:00Z},
 * {@code 2030-01-01T08:00:00+08:00}), without one (taken as UTC), or a bare date (its start, UTC).
 */
final class PolicyDates {
  private PolicyDates() {}

  static Optional<Instant> parse(String s) {
    String t = s.trim();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
