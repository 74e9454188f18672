package dev.drydock.server.auth;

/** RAM's policy types: written by the user, or built in. */
public enum PolicyType {
  Custom,
  System
}
