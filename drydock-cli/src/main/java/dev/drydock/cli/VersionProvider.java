package dev.drydock.cli;

import picocli.CommandLine;

/** The version from the jar manifest ({@code Implementation-Version}). */
final class VersionProvider implements CommandLine.IVersionProvider {
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"drydock " + version()};
  }
}
