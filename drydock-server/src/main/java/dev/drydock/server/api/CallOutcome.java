package dev.drydock.server.api;

import dev.drydock.server.auth.Caller;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one request, as the audit trail records it.
 *
 * @param request the request as read; null when it could not be read at all (e.g. a body over the limit)
 * @param sourceIp the client address (known even when the request could not be read)
 * @param action the Action named by the request, if any
 * @param caller the authenticated caller; null when authentication failed or was not reached
 * @param status the HTTP status answered
 * @param code {@code OK} or the error code answered
 * @param nanos time from arrival to answer
 */
public record CallOutcome(String requestId, @Nullable RpcRequest request, String sourceIp, @Nullable String action,
    @Nullable Caller caller, int status, String code, long nanos) {}
