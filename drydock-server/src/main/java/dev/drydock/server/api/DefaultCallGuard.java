package dev.drydock.server.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lets every authenticated caller through until a stricter {@link CallGuard} is defined. */
@Configuration(proxyBeanMethods = false)
class DefaultCallGuard {
  @Bean
  @ConditionalOnMissingBean(CallGuard.class)
  CallGuard allowAuthenticated() {
    return new CallGuard() {};
  }
}
