package dev.drydock.server.auth;

import java.io.PrintStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first, administrator AccessKey when there is none: from
 * {@code DRYDOCK_ACCESS_KEY_ID} / {@code DRYDOCK_ACCESS_KEY_SECRET} when both are set, else a
 * generated one, printed once on standard output (never logged) — it cannot be shown again.
 * Safe when several server processes start at once on one database: the administrator user is
 * created under a unique name, and only the process that created it creates the key. Offline
 * CLI commands ({@code drydock.background.enabled=false}) do not bootstrap: their standard output
 * may be an export.
 */
@Component
@ConditionalOnProperty(name = "drydock.background.enabled", havingValue = "true", matchIfMissing = true)
public class AccessKeyBootstrap implements ApplicationRunner {

  public static final String ADMIN_USER = "administrator";
  private static final Logger LOG = LoggerFactory.getLogger(AccessKeyBootstrap.class);

  private final AccessKeyStore keys;
  private final PrintStream out;

  public AccessKeyBootstrap(AccessKeyStore keys) {
    this.keys = keys;
    this.out = System.out;
  }

  @Override
  public void run(ApplicationArguments args) {
    String id = System.getenv("DRYDOCK_ACCESS_KEY_ID");
    String secret = System.getenv("DRYDOCK_ACCESS_KEY_SECRET");
    boolean fromEnv = id != null && !id.isBlank() && secret != null && !secret.isBlank();
    if (fromEnv && keys.find(id).isPresent()) {
      return;
    }
    if (!fromEnv && !keys.isEmpty()) {
      return;
    }
    String userId;
    try {
      userId = keys.ensureUser(ADMIN_USER, true);
    } catch (DuplicateKeyException e) {
      return; // another process is bootstrapping
    }
    if (!fromEnv && !keys.isEmpty()) {
      return;
    }
    AccessKeyStore.Credential c = keys.create(userId, Optional.ofNullable(fromEnv ? id : null),
        Optional.ofNullable(fromEnv ? secret : null));
    if (fromEnv) {
      LOG.info("created administrator AccessKey {} from DRYDOCK_ACCESS_KEY_ID", c.key().id());
    } else {
      out.println("Drydock created the administrator AccessKey. The secret is shown only this once:");
      out.println("  AccessKeyId:     " + c.key().id());
      out.println("  AccessKeySecret: " + c.secret());
      out.flush();
    }
  }
}
