package dev.drydock.server.auth.ram;

/** A policy document that is not valid RAM policy grammar; the message names the exact problem. */
public final class MalformedPolicyException extends RuntimeException {
  public MalformedPolicyException(String message) {
    super(message);
  }
}
