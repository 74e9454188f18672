package dev.drydock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.DigestMismatchException;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure handling of the registry client against a scripted HTTP server on loopback: the
 * behaviours a real registry cannot be made to show on demand (429/5xx storms, redirects to blob
 * storage on another host, lying Docker-Content-Digest headers).
 */
class RegistryClientTest {

  private HttpServer server;
  private HttpServer storage;
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private final List<String> storageAuth = new CopyOnWriteArrayList<>();
  private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
      + "\",\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"sha256:" + "a".repeat(64)
      + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] BLOB = "blob-bytes".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    storage.createContext("/", ex -> {
      storageAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      send(ex, 200, BLOB, "application/octet-stream");
    });
    server.start();
    storage.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    storage.stop(0);
  }

  private RegistryClient client(CredentialProvider creds) {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    return new RegistryClient(host, host, creds,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRetries(4, Duration.ofMillis(10)));
  }

  private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @Test
  void retriesServerErrorsAndTooManyRequests() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        send(ex, 503, new byte[0], "text/plain");
      } else if (n == 2) {
        ex.getResponseHeaders().set("Retry-After", "0");
        send(ex, 429, new byte[0], "text/plain");
      } else {
        send(ex, 200, MANIFEST, MediaTypes.OCI_MANIFEST);
      }
    });
    var m = client(CredentialProvider.ANONYMOUS).fetchManifest("team/app", "1.0", "h/team/app:1.0");
    assertThat(calls.get()).isEqualTo(3);
    assertThat(m.digest()).isEqualTo(Digest.sha256(MANIFEST));
  }

  @Test
  void persistentServerErrorsAreTransientFailures() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      calls.incrementAndGet();
      send(ex, 502, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"backend down\"}]}".getBytes(), "application/json");
    });
    assertThatThrownBy(() -> client(CredentialProvider.ANONYMOUS).fetchManifest("team/app", "1.0", "h/team/app:1.0"))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.isTransient()).isTrue();
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.getMessage()).contains("502").contains("backend down").contains("h/team/app:1.0");
        });
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void unreachableRegistryIsTransient() {
    int port = server.getAddress().getPort();
    server.stop(0);
    RegistryClient c = new RegistryClient("127.0.0.1:" + port, "127.0.0.1:" + port, CredentialProvider.ANONYMOUS,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRetries(2, Duration.ofMillis(10)));
    assertThatThrownBy(() -> c.fetchManifest("team/app", "1.0", "x"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessageContaining("cannot reach registry 127.0.0.1:" + port);
  }

  @Test
  void unresolvableHostFailsAtOnceNamingTheHost() {
    // RFC 6761: .invalid names never resolve.
    RegistryClient c = new RegistryClient("registry.drydock.invalid", "registry.drydock.invalid",
        CredentialProvider.ANONYMOUS, RegistryClient.Options.DEFAULT.withRetries(5, Duration.ofSeconds(10)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> c.fetchManifest("team/app", "1.0", "registry.drydock.invalid/team/app:1.0"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isTrue())
        .hasMessage("cannot reach registry registry.drydock.invalid for registry.drydock.invalid/team/app:1.0: "
            + "cannot resolve host registry.drydock.invalid");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no 10 s backoff").isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void refusedConnectionSaysSo() {
    int port = server.getAddress().getPort();
    server.stop(0);
    RegistryClient c = new RegistryClient("127.0.0.1:" + port, "127.0.0.1:" + port, CredentialProvider.ANONYMOUS,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRetries(1, Duration.ofMillis(10)));
    assertThatThrownBy(() -> c.fetchManifest("team/app", "1.0", "x"))
        .hasMessage("cannot reach registry 127.0.0.1:" + port + " for x: Connection refused");
  }

  @Test
  void plainHttpRegistryWithoutInsecureFailsAtOnceAndSaysWhatToDo() throws IOException {
    // A plain-HTTP server answering the TLS ClientHello as a malformed request, as Go's net/http
    // (docker-registry) does.
    java.net.ServerSocket plain = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread answer = Thread.ofVirtual().start(() -> {
      while (!plain.isClosed()) {
        try (java.net.Socket s = plain.accept()) {
          s.getInputStream().read(new byte[512]);
          s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n400 Bad Request"
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
          return;
        }
      }
    });
    int port = plain.getLocalPort();
    RegistryClient c = new RegistryClient("127.0.0.1:" + port, "127.0.0.1:" + port, CredentialProvider.ANONYMOUS,
        RegistryClient.Options.DEFAULT.withRetries(5, Duration.ofSeconds(10)));
    long start = System.nanoTime();
    assertThatThrownBy(() -> c.fetchManifest("team/app", "1.0", "x"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessage("cannot reach registry 127.0.0.1:" + port + " for x: it answered plain HTTP to a TLS handshake "
            + "(use --insecure for a plain-HTTP registry)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no 10 s backoff").isLessThan(Duration.ofSeconds(10));
    plain.close();
    answer.interrupt();
  }

  @Test
  void aBlobThatStallsMidwayTimesOutNamingIt() throws IOException {
    CountDownLatch release = new CountDownLatch(1);
    byte[] half = new byte[32 * 1024];
    server.createContext("/v2/team/app/blobs/", ex -> {
      ex.sendResponseHeaders(200, half.length * 2L);
      ex.getResponseBody().write(half);
      ex.getResponseBody().flush();
      try {
        release.await(30, TimeUnit.SECONDS); // then never sends the rest
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryClient c = new RegistryClient(host, host, CredentialProvider.ANONYMOUS,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRequestTimeout(Duration.ofMillis(500)));
    Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(new byte[half.length * 2]), half.length * 2L,
        null, java.util.Map.of(), List.of());
    long start = System.nanoTime();
    try (InputStream in = c.openBlob("team/app", d, host + "/team/app:1.0")) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(java.net.http.HttpTimeoutException.class)
          .hasMessage("no data for 500 ms while reading blob " + d.digest() + " of " + host + "/team/app:1.0 from " + host);
    } finally {
      release.countDown();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aSlowReaderIsNoStall() throws Exception {
    byte[] blob = new byte[256 * 1024];
    new java.util.Random(1).nextBytes(blob);
    server.createContext("/v2/team/app/blobs/", ex -> send(ex, 200, blob, "application/octet-stream"));
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryClient c = new RegistryClient(host, host, CredentialProvider.ANONYMOUS,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRequestTimeout(Duration.ofMillis(300)));
    Descriptor d = new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length, null, java.util.Map.of(),
        List.of());
    try (var in = c.openBlob("team/app", d, host + "/team/app:1.0")) {
      byte[] first = in.readNBytes(1000);
      Thread.sleep(1200); // the analyzers are busy: four idle periods without a read
      byte[] rest = in.readAllBytes();
      in.drainAndVerify();
      assertThat(first.length + rest.length).isEqualTo(blob.length);
    }
  }

  @Test
  void notFoundIsFinal() {
    AtomicInteger calls = new AtomicInteger();
    server.createContext("/v2/", ex -> {
      calls.incrementAndGet();
      send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes(),
          "application/json");
    });
    assertThatThrownBy(() -> client(CredentialProvider.ANONYMOUS).fetchManifest("team/app", "1.0", "h/team/app:1.0"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isTransient()).isFalse())
        .hasMessage("manifest unknown: h/team/app:1.0");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void lyingDigestHeaderIsRefused() {
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      ex.getResponseHeaders().set("Docker-Content-Digest", "sha256:" + "b".repeat(64));
      send(ex, 200, MANIFEST, MediaTypes.OCI_MANIFEST);
    });
    assertThatThrownBy(() -> client(CredentialProvider.ANONYMOUS).fetchManifest("team/app", "1.0", "h/team/app:1.0"))
        .hasMessageContaining("but the registry says sha256:bbbb");
  }

  @Test
  void manifestByDigestMustHashToIt() {
    String other = "sha256:" + "c".repeat(64);
    server.createContext("/v2/team/app/manifests/" + other, ex -> send(ex, 200, MANIFEST, MediaTypes.OCI_MANIFEST));
    assertThatThrownBy(() -> client(CredentialProvider.ANONYMOUS).fetchManifest("team/app", other, "x"))
        .isInstanceOf(DigestMismatchException.class).hasMessageStartingWith("digest mismatch in blob " + other);
  }

  @Test
  void redirectToStorageDropsCredentials() throws IOException {
    Digest d = Digest.sha256(BLOB);
    server.createContext("/v2/team/app/blobs/" + d, ex -> {
      authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      if (ex.getRequestHeaders().getFirst("Authorization") == null) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"r\"");
        send(ex, 401, new byte[0], "text/plain");
        return;
      }
      ex.getResponseHeaders().set("Location", "http://localhost:" + storage.getAddress().getPort() + "/bucket/x?sig=1");
      send(ex, 307, new byte[0], "text/plain");
    });
    RegistryClient c = client(CredentialProvider.fixed(new Credentials("u", "p")));
    try (var in = c.openBlob("team/app", Descriptor.of("application/octet-stream", d, BLOB.length), "x")) {
      assertThat(in.readAllBytes()).isEqualTo(BLOB);
      in.drainAndVerify();
    }
    assertThat(authHeaders).last().asString().startsWith("Basic ");
    assertThat(storageAuth).containsExactly("null");
  }

  @Test
  void aManifestThatStallsMidwayTimesOutNamingIt() throws IOException {
    CountDownLatch release = new CountDownLatch(1);
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      ex.getResponseHeaders().set("Content-Type", MediaTypes.OCI_MANIFEST);
      ex.sendResponseHeaders(200, MANIFEST.length);
      ex.getResponseBody().write(MANIFEST, 0, MANIFEST.length / 2);
      ex.getResponseBody().flush();
      try {
        release.await(30, TimeUnit.SECONDS); // then never sends the rest
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryClient c = new RegistryClient(host, host, CredentialProvider.ANONYMOUS,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRequestTimeout(Duration.ofMillis(500)));
    try {
      assertThatThrownBy(() -> c.fetchManifest("team/app", "1.0", host + "/team/app:1.0"))
          .isInstanceOf(java.net.http.HttpTimeoutException.class)
          .hasMessage("no data for 500 ms while reading manifest of " + host + "/team/app:1.0 from " + host);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aTokenAnswerThatNeverEndsIsRefused() throws IOException {
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://127.0.0.1:"
          + server.getAddress().getPort() + "/token\",service=\"reg\"");
      send(ex, 401, new byte[0], "text/plain");
    });
    server.createContext("/token", ex -> {
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, 0); // chunked
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try {
        for (int i = 0; i < 512; i++) { // 32 MiB of whitespace, as long as the client reads
          ex.getResponseBody().write(chunk);
        }
      } catch (IOException closed) {
        // the client stopped reading
      }
      ex.close();
    });
    assertThatThrownBy(() -> client(CredentialProvider.fixed(new Credentials("u", "p")))
        .fetchManifest("team/app", "1.0", "h/team/app:1.0"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("token service 127.0.0.1 answered more than 1048576 bytes for h/team/app:1.0");
  }

  @Test
  void anIdentityTokenIsExchangedWithTheRefreshTokenGrant() throws IOException {
    List<String> tokenRequests = new CopyOnWriteArrayList<>();
    String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authHeaders.add(String.valueOf(auth));
      if (!"Bearer access-456".equals(auth)) {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"reg.example\","
            + "scope=\"repository:team/app:pull\"");
        send(ex, 401, new byte[0], "text/plain");
        return;
      }
      send(ex, 200, MANIFEST, MediaTypes.OCI_MANIFEST);
    });
    server.createContext("/oauth2/token", ex -> {
      tokenRequests.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
          + ex.getRequestHeaders().getFirst("Authorization") + " "
          + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      send(ex, 200, "{\"access_token\":\"access-456\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8),
          "application/json");
    });
    client(CredentialProvider.fixed(Credentials.identityToken("refresh+123/x")))
        .fetchManifest("team/app", "1.0", "h/team/app:1.0");
    assertThat(tokenRequests).containsExactly("POST application/x-www-form-urlencoded null grant_type=refresh_token"
        + "&client_id=drydock&service=reg.example&scope=repository%3Ateam%2Fapp%3Apull&refresh_token=refresh%2B123%2Fx");
    assertThat(authHeaders).last().isEqualTo("Bearer access-456");
    assertThat(authHeaders).noneMatch(h -> h.startsWith("Basic"));
  }

  @Test
  void aRefusedIdentityTokenSaysSo() {
    String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
    server.createContext("/v2/team/app/manifests/1.0", ex -> {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"reg\"");
      send(ex, 401, new byte[0], "text/plain");
    });
    server.createContext("/oauth2/token", ex -> send(ex, 401, new byte[0], "application/json"));
    assertThatThrownBy(() -> client(CredentialProvider.fixed(Credentials.identityToken("expired")))
        .fetchManifest("team/app", "1.0", "h/team/app:1.0"))
        .isInstanceOf(RegistryException.Unauthorized.class)
        .hasMessageContaining("token service refused the identity token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("expired"));
  }

  @Test
  void credentialsGoOnlyToTheSameSchemeAndAuthority() {
    java.net.URI origin = java.net.URI.create("https://registry.example:5000/v2/a/blobs/x");
    assertThat(RegistryClient.sendsCredentialsTo(origin, java.net.URI.create("https://registry.example:5000/other")))
        .isTrue();
    assertThat(RegistryClient.sendsCredentialsTo(origin, java.net.URI.create("http://registry.example:5000/other")))
        .as("downgraded to plain HTTP").isFalse();
    assertThat(RegistryClient.sendsCredentialsTo(origin, java.net.URI.create("https://storage.example/other")))
        .isFalse();
  }
}
