package dev.drydock.server.api;

/** Constants of the Security Center (Sas) API. */
public final class SasApi {
  public static final String VERSION = "2018-12-03";

  private SasApi() {}
}
