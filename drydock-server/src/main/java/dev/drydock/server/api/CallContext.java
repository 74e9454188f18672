package dev.drydock.server.api;

import dev.drydock.server.auth.Caller;

/** Who is calling, from where, under which request id. */
public record CallContext(String requestId, Caller caller, String sourceIp, boolean secure) {}
