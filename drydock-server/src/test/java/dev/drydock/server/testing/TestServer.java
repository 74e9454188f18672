package dev.drydock.server.testing;

import com.aliyuncs.http.MethodType;
import dev.drydock.server.DrydockServer;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.config.ServerSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Drydock server on loopback for integration tests, on the embedded H2 database or — with
 * {@code -Ddrydock.test.db=postgres} — on a fresh database created in the PostgreSQL server named
 * by {@code DRYDOCK_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}),
 * {@code DRYDOCK_TEST_PG_USER} / {@code DRYDOCK_TEST_PG_PASSWORD} (default drydock/drydock),
 * which {@code .ci/run} starts. The database is dropped on close.
 */
public final class TestServer implements AutoCloseable {

  /** The master key of every test server (32 bytes, base64). */
  public static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]).replace("A", "B");

  private final ConfigurableApplicationContext context;
  private final ServerSettings settings;
  private final Path dataDir;
  private final String pgDatabase;
  private final AccessKeyStore.Credential admin;

  private TestServer(ConfigurableApplicationContext context, ServerSettings settings, Path dataDir, String pgDatabase) {
    this.context = context;
    this.settings = settings;
    this.dataDir = dataDir;
    this.pgDatabase = pgDatabase;
    AccessKeyStore keys = context.getBean(AccessKeyStore.class);
    this.admin = keys.create(keys.ensureUser("administrator", true), Optional.empty(), Optional.empty());
  }

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("drydock.test.db"));
  }

  public static TestServer start() throws IOException {
    Path dataDir = Files.createTempDirectory("drydock-server-test");
    String masterKey = MASTER_KEY;
    ServerSettings settings;
    String pgDatabase = null;
    int port = freePort();
    if (postgres()) {
      pgDatabase = "drydock_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      admin("CREATE DATABASE " + pgDatabase);
      String url = pgUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + pgDatabase + "$1");
      settings = new ServerSettings(port, dataDir, url, pgUser(), pgPassword(), masterKey, "127.0.0.1");
    } else {
      settings = new ServerSettings(port, dataDir, ServerSettings.h2Url(dataDir), null, null, masterKey, "127.0.0.1");
    }
    return new TestServer(DrydockServer.start(settings), settings, dataDir, pgDatabase);
  }

  public String endpoint() {
    return "127.0.0.1:" + settings.port();
  }

  public AccessKeyStore.Credential admin() {
    return admin;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public ServerSettings settings() {
    return settings;
  }

  /** Every official client variant, signed with the given key. */
  public List<SasClient> clients(String accessKeyId, String secret) {
    return List.of(
        new SdkCoreClient(endpoint(), accessKeyId, secret, false, MethodType.GET),
        new SdkCoreClient(endpoint(), accessKeyId, secret, false, MethodType.POST),
        new SdkCoreClient(endpoint(), accessKeyId, secret, true, MethodType.POST),
        new TeaClient(endpoint(), accessKeyId, secret, false),
        new TeaClient(endpoint(), accessKeyId, secret, true));
  }

  public List<SasClient> adminClients() {
    return clients(admin.key().id(), admin.secret());
  }

  @Override
  public void close() {
    context.close();
    if (pgDatabase != null) {
      try {
        admin("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    try (var s = Files.walk(dataDir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** Creates a fresh PostgreSQL database; returns its JDBC URL (drop it with {@link #dropPostgresDatabase}). */
  public static String createPostgresDatabase(String name) throws IOException {
    admin("CREATE DATABASE " + name);
    return pgUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }

  public static void dropPostgresDatabase(String name) throws IOException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  public static String pgUser() {
    return System.getenv().getOrDefault("DRYDOCK_TEST_PG_USER", "drydock");
  }

  public static String pgPassword() {
    return System.getenv().getOrDefault("DRYDOCK_TEST_PG_PASSWORD", "drydock");
  }

  private static String pgUrl() {
    return System.getenv().getOrDefault("DRYDOCK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
  }


  private static void admin(String sql) throws IOException {
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword()); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IOException("PostgreSQL at " + pgUrl() + " (user " + pgUser() + "): " + e.getMessage()
          + " — .ci/run starts it; locally: pg_ctlcluster 15 main start and create the role", e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
