package dev.drydock.cli;

import dev.drydock.server.DrydockServer;
import dev.drydock.server.config.ServerSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the API server (Alibaba Cloud Security Center image API, version 2018-12-03).",
        "Health: /actuator/health, metrics: /actuator/prometheus."})
final class ServeCommand implements Callable<Integer> {

  /** Spring Boot's logging configuration for the server: logs on stderr, levels from application.properties. */
  static final String LOGGING_CONFIG = "classpath:dev/drydock/cli/serve-logback.xml";

  @Option(names = "--port", paramLabel = "PORT", description = "Listen port (default: $DRYDOCK_PORT, else 8080).")
  Integer port;

  @Mixin
  ServerOptions server;

  @Override
  public Integer call() throws InterruptedException {
    ServerSettings settings = server.settings(port);
    if (System.getProperty("logging.config") == null && System.getenv("LOGGING_CONFIG") == null) {
      System.setProperty("logging.config", LOGGING_CONFIG);
    }
    CountDownLatch closed = new CountDownLatch(1);
    ConfigurableApplicationContext ctx = DrydockServer.start(settings);
    ctx.addApplicationListener(e -> {
      if (e instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    ctx.registerShutdownHook();
    System.err.println("drydock: serving on port " + settings.port() + " (data: " + settings.dataDir() + ", database: "
        + (settings.embedded() ? "embedded H2" : settings.dbUrl()) + ")");
    closed.await();
    return 0;
  }
}
