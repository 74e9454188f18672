package dev.drydock.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS handshakes against an HTTPS server on loopback with a self-signed certificate: the
 * deferred trust manager decides exactly as the JDK's default one, reading
 * {@code javax.net.ssl.trustStore} when the first handshake happens.
 */
class LazyTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path dir;
  private HttpsServer server;

  @AfterEach
  void stop() {
    System.clearProperty("javax.net.ssl.trustStore");
    System.clearProperty("javax.net.ssl.trustStorePassword");
    System.clearProperty("javax.net.ssl.trustStoreType");
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void trustsWhatTheConfiguredTrustStoreHolds() throws Exception {
    X509Certificate cert = serve("127.0.0.1");
    trustOnly(cert);
    HttpResponse<String> r = get(HttpClient.newBuilder().sslContext(LazyTls.context()).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
  }

  @Test
  void refusesAnUntrustedCertificate() throws Exception {
    serve("127.0.0.1"); // not in the JDK's CA store, and no trust store configured
    HttpClient client = HttpClient.newBuilder().sslContext(LazyTls.context()).build();
    assertThatThrownBy(() -> get(client)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void refusesATrustedCertificateForAnotherHost() throws Exception {
    X509Certificate cert = serve("registry.example.com");
    trustOnly(cert);
    HttpClient client = HttpClient.newBuilder().sslContext(LazyTls.context()).build();
    assertThatThrownBy(() -> get(client)).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void buildingAContextReadsNoTrustStore() throws Exception {
    System.setProperty("javax.net.ssl.trustStore", dir.resolve("does-not-exist.p12").toString());
    SSLContext context = LazyTls.context(); // the default context would fail to load here
    assertThat(HttpClient.newBuilder().sslContext(context).build()).isNotNull();
  }

  private HttpResponse<String> get(HttpClient client) throws IOException, InterruptedException {
    URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/v2/");
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Starts an HTTPS server whose certificate names {@code subjectAltName} (an IP or a DNS name). */
  private X509Certificate serve(String subjectAltName) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + subjectAltName);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(63, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, kp.getPublic());
    int type = Character.isDigit(subjectAltName.charAt(0)) ? GeneralName.iPAddress : GeneralName.dNSName;
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(type, subjectAltName)));
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", kp.getPrivate(), PASSWORD, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext("/v2/", ex -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return cert;
  }

  private void trustOnly(X509Certificate cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("test-ca", cert);
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, PASSWORD);
    }
    System.setProperty("javax.net.ssl.trustStore", file.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
  }
}
