package dev.drydock.server.config;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** How a server process names itself in the claims it holds, and its background threads. */
public final class Processes {
  private Processes() {}

  /** {@code host/pid/random}: unique per process start, at most 120 characters. */
  public static String ownerId() {
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

  /** Daemon threads named {@code prefix1}, {@code prefix2} … */
  public static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
