package dev.drydock.cli;

import dev.drydock.server.config.ServerSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the server's state lives: shared by {@code serve} and the administrative commands. */
final class ServerOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Data directory (default: $DRYDOCK_DATA_DIR, else ~/.local/share/drydock).")
  Path dataDir;

  @Option(names = "--db-url", paramLabel = "JDBC_URL",
      description = "Database (default: $DRYDOCK_DB_URL, else an embedded H2 file in the data directory). "
          + "PostgreSQL: jdbc:postgresql://host:5432/drydock with $DRYDOCK_DB_USER / $DRYDOCK_DB_PASSWORD.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", description = "Database user (default: $DRYDOCK_DB_USER).")
  String dbUser;

  ServerSettings settings(Integer port) {
    return ServerSettings.resolve(port, dataDir, dbUrl, dbUser, null);
  }
}
