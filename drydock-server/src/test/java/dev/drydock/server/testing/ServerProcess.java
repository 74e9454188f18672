package dev.drydock.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A Drydock server in its own JVM ({@code java -cp <the test classpath> dev.drydock.server.DrydockServer}),
 * configured through the environment like {@code drydock serve}, for tests that must kill a server
 * with {@code kill -9} or run several servers against one database. Its output goes to
 * {@code server.log} in its data directory.
 */
public final class ServerProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;
  private final String accessKeyId;
  private final String secret;

  private ServerProcess(Process process, int port, Path log, String accessKeyId, String secret) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.accessKeyId = accessKeyId;
    this.secret = secret;
  }

  /**
   * Starts a server and waits until it is healthy.
   *
   * @param dbUrl null: the embedded H2 database in {@code dataDir}
   * @param properties Spring properties ({@code drydock.scan.workers} …), passed as {@code -D}
   */
  public static ServerProcess start(Path dataDir, String dbUrl, String dbUser, String dbPassword,
      Map<String, String> properties) throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    int port = TestServer.freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-XX:TieredStopAtLevel=1");
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add("dev.drydock.server.DrydockServer");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("DRYDOCK_PORT", String.valueOf(port));
    env.put("DRYDOCK_BIND_ADDRESS", "127.0.0.1");
    env.put("DRYDOCK_DATA_DIR", dataDir.toString());
    if (dbUrl != null) {
      env.put("DRYDOCK_DB_URL", dbUrl);
      env.put("DRYDOCK_DB_USER", dbUser);
      env.put("DRYDOCK_DB_PASSWORD", dbPassword);
    }
    env.put("DRYDOCK_MASTER_KEY", TestServer.MASTER_KEY);
    String id = "LTAIchildprocess" + port;
    String secret = "child-process-secret-" + port;
    env.put("DRYDOCK_ACCESS_KEY_ID", id);
    env.put("DRYDOCK_ACCESS_KEY_SECRET", secret);
    Path log = dataDir.resolve("server-" + port + ".log");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServerProcess p = new ServerProcess(pb.start(), port, log, id, secret);
    p.awaitHealthy(Duration.ofSeconds(120));
    return p;
  }

  private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server process exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("server process not healthy within " + timeout + ":\n" + logTail());
  }

  public long pid() {
    return process.pid();
  }

  public String endpoint() {
    return "127.0.0.1:" + port;
  }

  /** tea-openapi (signature V3) against this server, as its administrator. */
  public SasClient client() {
    return new TeaClient(endpoint(), accessKeyId, secret, false);
  }

  /** {@code kill -9}: the process gets no chance to release anything. */
  public void kill9() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -9 " + process.pid() + " failed");
    }
    process.waitFor();
  }

  /** Stops the server normally (SIGTERM) and waits for it to exit. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * This JVM's classpath. Surefire and failsafe may start the test JVM with a manifest-only jar;
   * then its {@code Class-Path} entries are the classpath.
   */
  static String classpath() throws IOException {
    String cp = System.getProperty("java.class.path");
    String[] parts = cp.split(java.io.File.pathSeparator);
    if (parts.length == 1 && parts[0].endsWith(".jar") && Path.of(parts[0]).getFileName().toString().startsWith("surefirebooter")) {
      try (JarFile jar = new JarFile(parts[0])) {
        Manifest m = jar.getManifest();
        List<String> out = new ArrayList<>();
        Path base = Path.of(parts[0]).getParent();
        for (String entry : m.getMainAttributes().getValue("Class-Path").split(" ")) {
          if (entry.isBlank()) {
            continue;
          }
          try {
            URI u = new URI(entry);
            out.add(u.isAbsolute() ? Path.of(u).toString() : base.resolve(Path.of(u.getPath())).normalize().toString());
          } catch (URISyntaxException e) {
            throw new IOException("bad Class-Path entry " + entry, e);
          }
        }
        return String.join(java.io.File.pathSeparator, out);
      }
    }
    return cp;
  }
}
