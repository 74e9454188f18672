package dev.drydock.server.api.sas;

import dev.drydock.server.api.Action;
import dev.drydock.server.api.SasApi;
import org.springframework.util.ClassUtils;

/**
 * An operation of Security Center's API (Sas, {@value SasApi#VERSION}): one class per operation,
 * named exactly as the operation, which is where its name comes from (as RAM's operations do).
 */
interface SasAction extends Action {

  @Override
  default String name() {
    return ClassUtils.getUserClass(this).getSimpleName();
  }

  @Override
  default String version() {
    return SasApi.VERSION;
  }
}
