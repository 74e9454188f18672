package dev.drydock.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * What went wrong when an HTTP request got no response, in words a user can act on.
 * {@code java.net.http} reports a refused connection or an unknown host as a
 * {@code ConnectException} without a message (the cause is message-less too), so printing the
 * exception says nothing.
 */
public final class ConnectionFailures {
  private ConnectionFailures() {}

  /** Whether the host name did not resolve: not worth retrying within seconds. */
  public static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** Whether TLS failed (handshake, certificate, a plain-HTTP server): final until the configuration changes. */
  public static boolean tls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  /** {@code cannot resolve host H}, {@code Connection refused}, or the first message in the cause chain. */
  public static String describe(IOException e, URI target) {
    if (unresolved(e)) {
      return "cannot resolve host " + target.getHost();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        return m.replace('\n', ' ');
      }
    }
    // What a message-less ConnectException means (see its Javadoc): nothing listens there.
    return e instanceof ConnectException ? "Connection refused" : e.getClass().getSimpleName();
  }
}
