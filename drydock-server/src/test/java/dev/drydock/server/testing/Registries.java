package dev.drydock.server.testing;

import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.inventory.SyncClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Registering a loopback registry through the API and waiting for its sync, for integration tests. */
public final class Registries {
  private Registries() {}

  /**
   * AddPrivateRegistry with the defaults of a plain-HTTP harbor registry on 127.0.0.1 (NetType 2,
   * ProtocolType 1, region cn-hangzhou), overridden by {@code params}; returns the registry Id.
   * Fails when the answer shows the password in clear.
   */
  public static long add(SasClient client, Map<String, Object> params) throws SasClient.ApiError {
    Map<String, Object> p = new LinkedHashMap<>(Map.of("NetType", "2", "ProtocolType", "1",
        "RegistryHostIp", "127.0.0.1", "RegistryRegionId", "cn-hangzhou", "RegistryType", "harbor",
        "RegistryVersion", "V2", "UserName", "anyone", "Password", "anything-goes"));
    p.putAll(params);
    JsonNode r = client.call("AddPrivateRegistry", p);
    if (!"******".equals(r.path("Data").path("Password").asString())) {
      throw new AssertionError("AddPrivateRegistry answered the password unmasked: " + r);
    }
    return r.path("Data").path("Id").asLong();
  }

  /** Waits (up to 90 s) for a sync of the registry that ended after {@code after}. */
  public static RegistryRow awaitSync(TestServer server, long id, Instant after) throws InterruptedException {
    RegistryStore store = server.bean(RegistryStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      RegistryRow r = store.find(id).orElseThrow();
      if (r.lastSyncAt() != null && r.lastSyncAt().isAfter(after) && !SyncClaims.RUNNING.equals(r.syncStatus())) {
        return r;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no sync of registry " + id + " ended within 90 s");
  }
}
