package dev.drydock.server.api;

/**
 * Hooks around every call: {@link #before} runs after authentication and before the Action
 * (throttling and RAM authorisation refuse calls here, so a refused call changes nothing);
 * {@link #after} runs once per request whatever happened, authenticated or not (the audit trail).
 */
public interface CallGuard {

  /** Throws an {@link ApiException} (e.g. NoPermission, Throttling.User) to refuse the call. */
  void before(Action action, Params params, CallContext context);

  /** Called once per request with what was answered; must not throw. */
  void after(CallOutcome outcome);
}
