package dev.drydock.server;

import dev.drydock.server.config.ServerSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Drydock server: the Security Center–compatible RPC API on {@code /}, health and Prometheus
 * metrics under {@code /actuator}. Started by {@code drydock serve}; tests start it with
 * {@link #start(ServerSettings)}.
 */
@SpringBootApplication
public class DrydockServer {

  /** Starts the API server and returns its context (close it to stop). */
  public static ConfigurableApplicationContext start(ServerSettings settings) {
    return builder(settings).web(WebApplicationType.SERVLET).run();
  }

  /**
   * Starts the application without the web server (for administrative CLI commands).
   *
   * @throws IllegalStateException when the embedded database is held by a running server (H2 opens
   *     its file for one process only), with a message saying what to do instead
   */
  public static ConfigurableApplicationContext startOffline(ServerSettings settings) {
    if (settings.embedded()) {
      checkEmbeddedDatabaseFree(settings);
    }
    return builder(settings).web(WebApplicationType.NONE)
        .properties("drydock.background.enabled=false").run();
  }

  /** H2's "database already in use" (error code 90020, DATABASE_ALREADY_OPEN_1). */
  private static final int H2_ALREADY_OPEN = 90020;

  /**
   * Opens and closes the embedded database once before Spring starts, so that a database held by
   * a running {@code drydock serve} gives one clear line instead of a failed application context.
   */
  private static void checkEmbeddedDatabaseFree(ServerSettings settings) {
    // IFEXISTS: never create the database here (a first start creates it through Flyway, as its owner).
    try (Connection c = DriverManager.getConnection(settings.dbUrl() + ";IFEXISTS=TRUE",
        settings.dbUser() == null ? "" : settings.dbUser(), settings.dbPassword() == null ? "" : settings.dbPassword())) {
      c.isValid(1);
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_ALREADY_OPEN) {
        throw new IllegalStateException("the embedded database in " + settings.dataDir()
            + " is in use by a running `drydock serve`: stop the server first, or administer it through its API "
            + "(RAM's CreateAccessKey, AddKubernetesCluster …), or run the server on PostgreSQL (DRYDOCK_DB_URL)");
      }
      // Not created yet, or credentials Spring will report: the normal start says what is wrong.
    }
  }

  private static SpringApplicationBuilder builder(ServerSettings settings) {
    return new SpringApplicationBuilder(DrydockServer.class)
        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("serverSettings", settings))
        .properties(settings.springProperties())
        .logStartupInfo(false);
  }

  /** Runs the server from the environment (see {@link ServerSettings}) until the JVM is stopped. */
  public static void main(String[] args) {
    start(ServerSettings.resolve(null, null, null, null, null)); // the web server's threads keep the JVM running
  }
}
