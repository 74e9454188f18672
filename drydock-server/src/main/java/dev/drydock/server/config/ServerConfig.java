package dev.drydock.server.config;

import dev.drydock.server.auth.SecretCipher;
import java.io.IOException;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every part of the server shares. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ServerConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SecretCipher secretCipher(ServerSettings settings) throws IOException {
    return new SecretCipher(settings.masterKeyBytes());
  }
}
