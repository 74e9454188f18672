package dev.drydock.server.auth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A policy as stored, with the number of users it is attached to. */
public record StoredPolicy(PolicyType type, String name, @Nullable String description, String document,
    String defaultVersion, Instant createdAt, Instant updatedAt, int attachmentCount) {}
