package dev.drydock.server.auth;

/** The authenticated caller of a request: its AccessKey and the user the key belongs to. */
public record Caller(String accessKeyId, String userId, String userName) {}
