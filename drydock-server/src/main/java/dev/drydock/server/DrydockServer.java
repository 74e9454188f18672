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

  /**
   * Runs the server, configured from the environment ({@link ServerSettings#resolve}), until the
   * process is asked to stop (SIGTERM / SIGINT): what {@code drydock serve} does, without the CLI.
   */
  public static void main(String[] args) throws InterruptedException {
    ConfigurableApplicationContext ctx = start(ServerSettings.resolve(null, null, null, null, null));
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    ctx.addApplicationListener(e -> {
      if (e instanceof org.springframework.context.event.ContextClosedEvent) {
        closed.countDown();
      }
    });
    ctx.registerShutdownHook();
    closed.await();
  }
}
