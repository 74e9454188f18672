package dev.drydock.server.inventory;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code registry} table. {@code passwordEnc} and {@code extraParamEnc} are
 * {@link dev.drydock.server.auth.SecretCipher} ciphertexts; {@link #toString()} leaves them out.
 */
public record RegistryRow(
    long id,
    @Nullable String registryName,
    String registryType,
    String domainName,
    @Nullable String registryHostIp,
    @Nullable Integer port,
    int protocolType,
    int netType,
    String regionId,
    String registryVersion,
    @Nullable String userName,
    @Nullable String passwordEnc,
    @Nullable String extraParamEnc,
    int transPerHour,
    @Nullable String vpcId,
    @Nullable Integer persistenceDay,
    @Nullable String jenkinsEnv,
    @Nullable String whiteList,
    @Nullable String blackList,
    @Nullable Long aliUid,
    Instant createdAt,
    Instant modifiedAt,
    @Nullable Instant lastSyncAt,
    @Nullable Instant nextSyncAt,
    @Nullable String syncStatus,
    @Nullable String syncError) {

  public RegistryEndpoints endpoints() {
    return RegistryEndpoints.of(this);
  }

  @Override
  public String toString() {
    return "RegistryRow[id=" + id + ", type=" + registryType + ", domain=" + domainName + ", hostIp=" + registryHostIp
        + ", port=" + port + ", protocol=" + protocolType + ", user=" + userName + ", password=****, syncStatus="
        + syncStatus + "]";
  }
}
