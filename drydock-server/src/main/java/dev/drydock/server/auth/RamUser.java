package dev.drydock.server.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A RAM user as stored. Administrators ({@code admin}) are allowed every action without policies;
 * every other user is denied what no attached policy allows.
 */
public record RamUser(String id, String userName, String displayName, @Nullable String comments, boolean admin,
    Instant createdAt, @Nullable Instant updatedAt) {}
