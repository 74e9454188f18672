package dev.drydock.server.api;

import dev.drydock.server.auth.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Hooks around every authenticated call: authorisation and throttling before, auditing after.
 * The default lets every authenticated caller through and records nothing; RAM authorisation
 * and the audit trail replace it.
 */
public interface CallGuard {

  /** Throws an {@link ApiException} (e.g. NoPermission) to refuse the call. */
  default void before(Action action, Params params, CallContext context) {}

  /** Called once per request, whatever happened, with the status and code sent. */
  default void after(@Nullable RpcRequest request, @Nullable String action, @Nullable Caller caller, String requestId,
      int status, String code, long nanos) {}
}
