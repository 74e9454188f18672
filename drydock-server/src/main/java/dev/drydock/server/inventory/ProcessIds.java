package dev.drydock.server.inventory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Identities under which a server process claims work in the shared database. */
public final class ProcessIds {

  private ProcessIds() {}

  /** A fresh claim owner id: {@code host/pid/random}, at most 120 characters. */
  public static String generate() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "localhost";
      }
    }
    byte[] r = new byte[4];
    new SecureRandom().nextBytes(r);
    String id = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + HexFormat.of().formatHex(r);
    return id.length() <= 120 ? id : id.substring(id.length() - 120);
  }
}
