package dev.drydock.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audited call.
 *
 * @param accessKeyId the AccessKey the request named, authenticated or not
 * @param userId set when the key was authenticated
 * @param params the call's parameters as a JSON object, secrets masked ({@link AuditMasking})
 * @param code {@code OK} or the error code answered
 */
public record AuditRecord(Instant calledAt, String requestId, @Nullable String accessKeyId, @Nullable String userId,
    @Nullable String userName, @Nullable String apiVersion, @Nullable String action, @Nullable String params,
    String sourceIp, boolean secure, String code, int httpStatus, long latencyMicros) {}
