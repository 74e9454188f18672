package dev.drydock.server;

import dev.drydock.server.config.ServerSettings;
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

  /** Starts the application without the web server (for administrative CLI commands). */
  public static ConfigurableApplicationContext startOffline(ServerSettings settings) {
    return builder(settings).web(WebApplicationType.NONE)
        .properties("drydock.background.enabled=false").run();
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
