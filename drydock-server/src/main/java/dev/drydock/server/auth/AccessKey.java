package dev.drydock.server.auth;

import java.time.Instant;

/** An AccessKey as stored, without its secret. */
public record AccessKey(String id, String userId, Status status, Instant createdAt) {
  public enum Status { Active, Inactive }
}
