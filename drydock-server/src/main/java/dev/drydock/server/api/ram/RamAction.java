package dev.drydock.server.api.ram;

import dev.drydock.server.api.Action;

/** An operation of RAM's API: version 2015-05-01, authorised as {@code ram:<Action>}. */
abstract class RamAction implements Action {

  static final String VERSION = "2015-05-01";

  @Override
  public final String name() {
    return getClass().getSimpleName();
  }

  @Override
  public final String version() {
    return VERSION;
  }

  @Override
  public final String ramAction() {
    return "ram:" + name();
  }
}
