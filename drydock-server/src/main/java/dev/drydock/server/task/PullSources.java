package dev.drydock.server.task;

import dev.drydock.image.ImageReference;
import dev.drydock.image.ImageSource;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryImageSource;
import dev.drydock.server.auth.SecretCipher;
import dev.drydock.server.inventory.RegistryEndpoints;
import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.inventory.RegistrySyncService;
import dev.drydock.server.inventory.RepoPaths;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a job's image is pulled from, always by its digest:
 * <ul>
 *   <li>an image of a registered registry: from that registry's connect address, with its
 *       credentials ({@link RegistryEndpoints});
 *   <li>a running image no registered registry holds ({@code NOT_IN_SAS}, {@link JobRow#imageHost}):
 *       {@code host/path@sha256:…} from the host its running reference names. When a registered
 *       registry serves that host (its DomainName or RegistryHostIp authority, as EndPointList
 *       shows them) it is reached as that registry is, with its credentials; otherwise anonymously,
 *       over HTTPS unless the host is one of {@code drydock.scan.insecure-registries}. Image pull
 *       secrets of the pods are not used;
 *   <li>anything else (an image PublicSyncAndCreateImageScanTask put outside every registered
 *       registry) cannot be pulled: a permanent failure saying so.
 * </ul>
 */
final class PullSources {

  private final RegistryStore registries;
  private final SecretCipher cipher;
  private final TaskSettings settings;

  PullSources(RegistryStore registries, SecretCipher cipher, TaskSettings settings) {
    this.registries = registries;
    this.cipher = cipher;
    this.settings = settings;
  }

  /**
   * A resolved pull: the reference (by digest), the registry as messages name it, where its API is
   * reached, and the password in use (null when anonymous), which failure reasons must mask.
   */
  record Pull(ImageReference reference, String host, String apiHost, boolean insecure, CredentialProvider credentials,
      @Nullable String password) {

    ImageSource open(TaskSettings settings) {
      RegistryClient.Options options = new RegistryClient.Options(insecure, settings.connectTimeout(),
          settings.requestTimeout(), 2, Duration.ofMillis(200), "drydock/0.1 scan-task");
      return new RegistryImageSource(reference, new RegistryClient(host, apiHost, credentials,
          options), null);
    }
  }

  Pull resolve(JobRow job) {
    String path = RepoPaths.join(job.repoNamespace() == null ? "" : job.repoNamespace(),
        job.repoName() == null ? "" : job.repoName());
    if (job.registryId() != null) {
      RegistryRow registry = registries.find(job.registryId()).orElseThrow(() -> new Failures.Permanent(
          "registry " + job.registryId() + " is no longer registered"));
      return viaRegistry(registry, reference(registry.endpoints().domainAuthority(), path, job.digest()));
    }
    String host = job.imageHost();
    if (host == null) {
      throw new Failures.Permanent("the image is not in a registered registry, so it cannot be pulled "
          + "(register the registry with AddPrivateRegistry)");
    }
    ImageReference ref = reference(host, path, job.digest());
    Optional<RegistryRow> serving = serving(ref.registry());
    if (serving.isPresent()) {
      return viaRegistry(serving.get(), ref);
    }
    return new Pull(ref, ref.registry(), ref.apiHost(), settings.insecureRegistries().contains(ref.registry().toLowerCase(Locale.ROOT)),
        CredentialProvider.ANONYMOUS, null);
  }

  /** The registered registry whose DomainName or RegistryHostIp authority is {@code host}. */
  private Optional<RegistryRow> serving(String host) {
    return registries.list(null).stream()
        .filter(r -> r.endpoints().endpointDomains().stream().anyMatch(d -> d.equalsIgnoreCase(host)))
        .findFirst();
  }

  private Pull viaRegistry(RegistryRow registry, ImageReference ref) {
    RegistryEndpoints e = registry.endpoints();
    String password = null;
    CredentialProvider credentials = CredentialProvider.ANONYMOUS;
    if (registry.userName() != null && !registry.userName().isEmpty() && registry.passwordEnc() != null) {
      password = cipher.decrypt(RegistrySyncService.PASSWORD_PURPOSE, registry.passwordEnc());
      credentials = CredentialProvider.fixed(new Credentials(registry.userName(), password));
    }
    return new Pull(ref, e.connectAddress(), e.connectAddress(), e.insecure(), credentials, password);
  }

  private static ImageReference reference(String host, String path, String digest) {
    try {
      return ImageReference.parse(host + "/" + path + "@sha256:" + digest);
    } catch (IllegalArgumentException e) {
      throw new Failures.Permanent(e.getMessage());
    }
  }
}
