package dev.drydock.vuln.version;

/** A string is not a version of the scheme it was compared under. */
public final class InvalidVersionException extends Exception {
  private final String version;

  public InvalidVersionException(String scheme, String version, String reason) {
    super("invalid " + scheme + " version \"" + version + "\": " + reason);
    this.version = version;
  }

  public String version() {
    return version;
  }
}
