package dev.drydock.check.baseline;

/** The groups baseline items belong to, as Alibaba Cloud Security Center groups its baseline items. */
public enum BaselineClass {
  /** The image configuration: user, environment, labels, ports, health check, build history. */
  IMAGE_CONFIG,
  /** Local accounts: {@code /etc/passwd}, {@code /etc/shadow}. */
  ACCOUNT,
  /** The OpenSSH server's configuration. */
  SSH,
  /** sudo's policy. */
  SUDO,
  /** Modes of files: setuid/setgid, world-writable. */
  FILE_PERMISSION;

  /** The snake_case key used in findings ({@code image_config}). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
