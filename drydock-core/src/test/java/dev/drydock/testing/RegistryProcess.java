package dev.drydock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * A real OCI registry — Debian's {@code docker-registry} (CNCF distribution 2.8.2) — running as a
 * child process on 127.0.0.1 with a free port and a fresh storage directory, for integration tests.
 *
 * <p>Three authentication modes: {@link #anonymous()}, {@link #basic(String, String)} (htpasswd with
 * bcrypt entries) and {@link #token(TokenRealm)} (distribution's bearer-token auth against a
 * {@link TokenRealm}). Deletion is enabled ({@code storage.delete.enabled: true}).
 *
 * <p>The factories return once {@code GET /v2/} answers (200, or 401 under auth). The registry's
 * log goes to {@link #logFile()}; when startup fails the exception carries its last lines. {@link
 * #close()} kills the process and deletes the storage; a shutdown hook kills it too if the test JVM
 * exits without closing. The registry is plain HTTP: clients need {@code --dest-tls-verify=false}
 * (skopeo) or an insecure-registry setting.
 *
 * <p>Fails with {@code docker-registry not found: apt-get install docker-registry} when the binary
 * is missing; it never skips.
 */
public final class RegistryProcess implements AutoCloseable {

  /** How clients authenticate to the registry. */
  public enum AuthMode { ANONYMOUS, BASIC, TOKEN }

  /** The htpasswd realm name in {@link AuthMode#BASIC} mode (appears in the Basic challenge). */
  public static final String BASIC_REALM = "drydock-test-registry";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final AuthMode mode;
  private final @Nullable Credentials basicCredentials;
  private final @Nullable TokenRealm realm;
  private final Path workDir;
  private final Path storageDir;
  private final Path logFile;
  private final int port;
  private final Process process;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private RegistryProcess(AuthMode mode, @Nullable Credentials basicCredentials, @Nullable TokenRealm realm,
      Path workDir, int port, Process process, Thread shutdownHook) {
    this.mode = mode;
    this.basicCredentials = basicCredentials;
    this.realm = realm;
    this.workDir = workDir;
    this.storageDir = workDir.resolve("storage");
    this.logFile = workDir.resolve("registry.log");
    this.port = port;
    this.process = process;
    this.shutdownHook = shutdownHook;
  }

  /** A registry anyone may pull from and push to. */
  public static RegistryProcess anonymous() throws IOException {
    return start(AuthMode.ANONYMOUS, null, null);
  }

  /** A registry requiring HTTP Basic credentials {@code user}/{@code password} for every request. */
  public static RegistryProcess basic(String user, String password) throws IOException {
    return start(AuthMode.BASIC, new Credentials(user, password), null);
  }

  /**
   * A registry using token auth: it answers 401 with {@code Bearer realm=…,service=…,scope=…}
   * pointing at {@code realm} and accepts the JWTs the realm signs. The realm must stay open as
   * long as the registry is used; closing the registry does not close it.
   */
  public static RegistryProcess token(TokenRealm realm) throws IOException {
    return start(AuthMode.TOKEN, null, realm);
  }

  private static RegistryProcess start(AuthMode mode, @Nullable Credentials basic, @Nullable TokenRealm realm)
      throws IOException {
    Path binary = Executables.require("docker-registry", "apt-get install docker-registry");
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Path workDir = Files.createTempDirectory("drydock-registry-");
      try {
        return startOnce(binary, mode, basic, realm, workDir);
      } catch (PortTakenException e) {
        // Another process took the port between probing and binding: try a new one.
        last = e;
        deleteRecursively(workDir);
      }
    }
    throw last;
  }

  private static final class PortTakenException extends IOException {
    PortTakenException(String message) {
      super(message);
    }
  }

  private static RegistryProcess startOnce(Path binary, AuthMode mode, @Nullable Credentials basic,
      @Nullable TokenRealm realm, Path workDir) throws IOException {
    Path storage = Files.createDirectories(workDir.resolve("storage"));
    Path log = workDir.resolve("registry.log");
    Path config = workDir.resolve("config.yml");
    int port = freePort();

    StringBuilder yml = new StringBuilder();
    yml.append("version: 0.1\n");
    yml.append("log:\n  level: info\n  formatter: text\n  fields:\n    service: drydock-test-registry\n");
    yml.append("storage:\n");
    yml.append("  filesystem:\n    rootdirectory: ").append(quote(storage.toString())).append('\n');
    yml.append("  delete:\n    enabled: true\n");
    yml.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
    yml.append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
    yml.append("  secret: drydock-test-secret-").append(Long.toHexString(new SecureRandom().nextLong())).append('\n');
    yml.append("  headers:\n    X-Content-Type-Options: [nosniff]\n");
    yml.append("health:\n  storagedriver:\n    enabled: false\n");
    switch (mode) {
      case ANONYMOUS -> { }
      case BASIC -> {
        Path htpasswd = workDir.resolve("htpasswd");
        Files.writeString(htpasswd, htpasswdLine(basic));
        yml.append("auth:\n  htpasswd:\n    realm: ").append(BASIC_REALM)
            .append("\n    path: ").append(quote(htpasswd.toString())).append('\n');
      }
      case TOKEN -> yml.append("auth:\n  token:\n")
          .append("    realm: ").append(quote(realm.realmUri().toString())).append('\n')
          .append("    service: ").append(quote(realm.service())).append('\n')
          .append("    issuer: ").append(quote(realm.issuer())).append('\n')
          .append("    rootcertbundle: ").append(quote(realm.rootCertBundle().toString())).append('\n');
    }
    Files.writeString(config, yml);

    ProcessBuilder pb = new ProcessBuilder(binary.toString(), "serve", config.toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // REGISTRY_* variables override the config file; none from the environment may leak in.
    pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
    Process process = pb.start();
    Thread hook = new Thread(() -> kill(process), "kill docker-registry " + process.pid());
    Runtime.getRuntime().addShutdownHook(hook);
    RegistryProcess registry = new RegistryProcess(mode, basic, realm, workDir, port, process, hook);
    try {
      registry.awaitReady();
      return registry;
    } catch (IOException | RuntimeException e) {
      String tail = registry.logTail(40);
      registry.close();
      if (tail.contains("address already in use")) {
        throw new PortTakenException("port " + port + " taken while starting docker-registry");
      }
      throw new IOException(e.getMessage() + "\n--- last lines of the registry log (" + log + ") ---\n" + tail, e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    HttpRequest probe = HttpRequest.newBuilder(uri("/v2/")).timeout(Duration.ofSeconds(2)).GET().build();
    String lastProblem = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited with status " + process.exitValue() + " during startup");
      }
      try {
        int status = HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
        lastProblem = "GET /v2/ answered " + status;
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for docker-registry", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for docker-registry", e);
      }
    }
    throw new IOException("docker-registry on " + host() + " not ready after " + STARTUP_TIMEOUT.toSeconds()
        + " s (" + lastProblem + ")");
  }

  /** {@code 127.0.0.1:PORT}: the host part of image references to this registry. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return URI.create("http://" + host());
  }

  /** An absolute URI on this registry, e.g. {@code uri("/v2/team/app/manifests/1.0")}. */
  public URI uri(String path) {
    return URI.create("http://" + host() + (path.startsWith("/") ? path : "/" + path));
  }

  /** {@code host()/repository:tag}, the form skopeo and other clients take after {@code docker://}. */
  public String reference(String repositoryAndTag) {
    return host() + "/" + repositoryAndTag;
  }

  public AuthMode authMode() {
    return mode;
  }

  /**
   * The credentials that let a client push: the htpasswd user in BASIC mode, the realm's user in
   * TOKEN mode (null when the realm has none), null in ANONYMOUS mode.
   */
  public @Nullable Credentials credentials() {
    return switch (mode) {
      case ANONYMOUS -> null;
      case BASIC -> basicCredentials;
      case TOKEN -> realm.credentials();
    };
  }

  /** The token realm in TOKEN mode, else null. */
  public @Nullable TokenRealm tokenRealm() {
    return realm;
  }

  /** The registry's filesystem storage root (deleted on close). */
  public Path storageDir() {
    return storageDir;
  }

  /** Where the registry's stdout and stderr go (deleted on close). */
  public Path logFile() {
    return logFile;
  }

  /** The last {@code lines} lines of the registry's log, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Kills the registry and deletes its storage, config and log. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook runs or has run.
    }
    deleteRecursively(workDir);
  }

  private static void kill(Process p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RegistryProcess[" + mode + " " + host() + " pid " + process.pid() + "]";
  }

  // ---- helpers ----

  /** An htpasswd line with a bcrypt hash (cost 4, the minimum Go accepts, to keep requests fast). */
  static String htpasswdLine(Credentials c) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return c.username() + ":" + OpenBSDBCrypt.generate("2y", c.password().toCharArray(), salt, 4) + "\n";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** YAML double-quoted scalar. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete registry directory " + dir, e);
    }
  }
}
