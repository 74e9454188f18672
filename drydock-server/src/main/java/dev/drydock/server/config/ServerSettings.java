package dev.drydock.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the server keeps its state and how it listens, resolved from command-line options, then
 * environment variables ({@code DRYDOCK_PORT}, {@code DRYDOCK_DATA_DIR}, {@code DRYDOCK_DB_URL},
 * {@code DRYDOCK_DB_USER}, {@code DRYDOCK_DB_PASSWORD}, {@code DRYDOCK_MASTER_KEY}), then
 * defaults: port 8080, data directory {@code $XDG_DATA_HOME/drydock} (or
 * {@code ~/.local/share/drydock}), an embedded H2 database file in it.
 *
 * <p>The master key (32 bytes, base64) encrypts every stored secret. With the embedded database
 * and no key configured, one is generated into {@code DATA_DIR/master.key} (mode 0600). With an
 * external database the key must be configured explicitly, because every server process sharing
 * the database needs the same one.
 */
public record ServerSettings(int port, Path dataDir, String dbUrl, @Nullable String dbUser, @Nullable String dbPassword,
    @Nullable String masterKey, String bindAddress) {

  public static ServerSettings resolve(@Nullable Integer port, @Nullable Path dataDir, @Nullable String dbUrl,
      @Nullable String dbUser, @Nullable String dbPassword) {
    Map<String, String> env = System.getenv();
    int p = port != null ? port : Integer.parseInt(env.getOrDefault("DRYDOCK_PORT", "8080"));
    Path dir = dataDir != null ? dataDir : env.containsKey("DRYDOCK_DATA_DIR") ? Path.of(env.get("DRYDOCK_DATA_DIR"))
        : defaultDataDir();
    String url = dbUrl != null ? dbUrl : env.get("DRYDOCK_DB_URL");
    if (url == null || url.isBlank()) {
      url = h2Url(dir);
    }
    return new ServerSettings(p, dir, url, dbUser != null ? dbUser : env.get("DRYDOCK_DB_USER"),
        dbPassword != null ? dbPassword : env.get("DRYDOCK_DB_PASSWORD"), env.get("DRYDOCK_MASTER_KEY"),
        env.getOrDefault("DRYDOCK_BIND_ADDRESS", "0.0.0.0"));
  }

  /**
   * The embedded database in {@code dataDir}. {@code WRITE_DELAY=0}: H2 keeps no redo log and by
   * default writes commits to its file up to half a second later, so a killed server would lose work
   * it had already reported done; with 0 every commit is written to the file before it returns.
   * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own JVM shutdown hook would close the database while
   * Spring's shutdown hook is still stopping the workers, so they could not give back their claims
   * or flush the audit trail ("Database is already closed"); the connection pool closes it last.
   */
  public static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("drydock")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;WRITE_DELAY=0"
        + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  public static Path defaultDataDir() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("drydock");
  }

  public boolean embedded() {
    return dbUrl.startsWith("jdbc:h2:");
  }

  public ServerSettings withMasterKey(String key) {
    return new ServerSettings(port, dataDir, dbUrl, dbUser, dbPassword, key, bindAddress);
  }

  /** The master key: configured, else (embedded database only) read or generated in the data directory. */
  public byte[] masterKeyBytes() throws IOException {
    if (masterKey != null && !masterKey.isBlank()) {
      return decode(masterKey, "DRYDOCK_MASTER_KEY");
    }
    if (!embedded()) {
      throw new IllegalStateException("DRYDOCK_MASTER_KEY must be set (32 bytes, base64) when the database is external: "
          + "every server sharing the database needs the same key. Generate one with: head -c 32 /dev/urandom | base64");
    }
    Files.createDirectories(dataDir);
    Path f = dataDir.resolve("master.key");
    if (!Files.exists(f)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Path tmp = Files.createTempFile(dataDir, ".master", ".tmp",
          PosixFilePermissions.asFileAttribute(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
      Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n");
      try {
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        Files.deleteIfExists(tmp); // another process won the race; use its key
      }
    }
    return decode(Files.readString(f).trim(), f.toString());
  }

  private static byte[] decode(String b64, String where) {
    byte[] k;
    try {
      k = Base64.getDecoder().decode(b64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the master key in " + where + " is not base64");
    }
    if (k.length != 32) {
      throw new IllegalStateException("the master key in " + where + " must decode to 32 bytes, got " + k.length);
    }
    return k;
  }

  /** The Spring properties these settings amount to. */
  public Map<String, Object> springProperties() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server.port", port);
    m.put("server.address", bindAddress);
    m.put("spring.datasource.url", dbUrl);
    if (dbUser != null) {
      m.put("spring.datasource.username", dbUser);
    }
    if (dbPassword != null) {
      m.put("spring.datasource.password", dbPassword);
    }
    m.put("drydock.data-dir", dataDir.toString());
    return m;
  }

  @Override
  public String toString() {
    return "ServerSettings[port=" + port + ", dataDir=" + dataDir + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser
        + ", dbPassword=" + (dbPassword == null ? null : "****") + ", masterKey=" + (masterKey == null ? null : "****") + "]";
  }
}
