package dev.drydock.index;

/** The package ecosystems Drydock inventories, with their package-url types. */
public enum Ecosystem {
  DEB("deb", true),
  APK("apk", true),
  RPM("rpm", true),
  MAVEN("maven", false),
  NPM("npm", false),
  PYPI("pypi", false),
  GOLANG("golang", false);

  private final String purlType;
  private final boolean os;

  Ecosystem(String purlType, boolean os) {
    this.purlType = purlType;
    this.os = os;
  }

  public String purlType() {
    return purlType;
  }

  /** Whether packages of this ecosystem belong to the operating system's package manager. */
  public boolean isOsPackage() {
    return os;
  }
}
