package dev.drydock.check;

/**
 * How urgent a baseline item or secret rule is, as {@link dev.drydock.index.Finding#level()}
 * carries it ({@code high|medium|low}, the levels Alibaba Cloud Security Center uses for baseline
 * items and sensitive files).
 */
public enum Level {
  /** Directly exploitable or a credential in the clear: fix before shipping. */
  HIGH,
  /** Weakens the image's defences or exposes a risky service. */
  MEDIUM,
  /** Hygiene: worth fixing, rarely exploitable on its own. */
  LOW;

  /** The lower-case form used in findings and reports. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
