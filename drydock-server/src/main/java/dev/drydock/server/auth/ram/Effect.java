package dev.drydock.server.auth.ram;

/** What a statement does when it applies. */
public enum Effect {
  Allow,
  Deny
}
