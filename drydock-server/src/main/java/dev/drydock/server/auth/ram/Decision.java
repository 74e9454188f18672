package dev.drydock.server.auth.ram;

/**
 * The outcome of evaluating a request: allowed only when some statement allows it and none
 * denies it; otherwise denied, explicitly (a Deny statement applied) or implicitly (nothing
 * allowed it).
 */
public enum Decision {
  ALLOW,
  IMPLICIT_DENY,
  EXPLICIT_DENY;

  public boolean allowed() {
    return this == ALLOW;
  }
}
