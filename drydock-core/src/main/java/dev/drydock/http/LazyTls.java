package dev.drydock.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the HTTP clients, with the trust store read on the first handshake rather than when a
 * client is built. {@code SSLContext.getDefault()}, which {@code java.net.http} calls when a client
 * is built, parses every certificate of the JDK's CA store — about a fifth of a second of a short
 * CLI run — even when the run only ever speaks plain HTTP (a loopback registry with
 * {@code --insecure}). The trust decisions are the JDK default trust manager's, unchanged: the
 * same CA store, {@code javax.net.ssl.trustStore} honoured, host names checked by the client.
 */
public final class LazyTls {
  private LazyTls() {}

  /**
   * A context trusting what the JDK's default trust manager trusts. When client key material is
   * configured ({@code javax.net.ssl.keyStore}), which only the default context loads, that context
   * is returned instead.
   */
  public static SSLContext context() {
    try {
      if (System.getProperty("javax.net.ssl.keyStore") != null) {
        return SSLContext.getDefault();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new DeferredTrustManager()}, null);
      return context;
    } catch (NoSuchAlgorithmException | java.security.KeyManagementException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }

  /** Delegates every check to the JDK's default X.509 trust manager, created on first use. */
  static final class DeferredTrustManager extends X509ExtendedTrustManager {
    private volatile X509ExtendedTrustManager delegate;

    X509ExtendedTrustManager delegate() throws CertificateException {
      X509ExtendedTrustManager d = delegate;
      if (d == null) {
        synchronized (this) {
          d = delegate;
          if (d == null) {
            delegate = d = defaultTrustManager();
          }
        }
      }
      return d;
    }

    private static X509ExtendedTrustManager defaultTrustManager() throws CertificateException {
      try {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager t : factory.getTrustManagers()) {
          if (t instanceof X509ExtendedTrustManager x) {
            return x;
          }
        }
        throw new CertificateException("the JDK offers no X.509 trust manager");
      } catch (GeneralSecurityException e) {
        throw new CertificateException("cannot load the trust store: " + e.getMessage(), e);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      try {
        return delegate().getAcceptedIssuers();
      } catch (CertificateException e) {
        return new X509Certificate[0];
      }
    }
  }
}
