package dev.drydock.server.inventory.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Builds fabric8 Kubernetes clients for registered clusters: over the JDK's HttpClient, with the
 * server's own executor for informer callbacks, and never configured from the server's
 * environment (no {@code ~/.kube/config}, no {@code KUBERNETES_*} system properties): only from
 * the registration.
 */
public final class KubernetesClients {

  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  private KubernetesClients() {}

  /** A client for a cluster registered with explicit credentials. */
  public static KubernetesClient open(ClusterAccess access, Executor executor, ClusterSettings settings) {
    ConfigBuilder b = base(settings).withMasterUrl(access.server()).withTrustCerts(access.insecureSkipTlsVerify())
        .withDisableHostnameVerification(false);
    if (access.caCertData() != null) {
      b.withCaCertData(access.caCertData());
    }
    if (access.token() != null) {
      b.withOauthToken(access.token());
    }
    if (access.clientCertData() != null) {
      b.withClientCertData(access.clientCertData()).withClientKeyData(access.clientKeyData());
    }
    return build(b.build(), executor);
  }

  /**
   * A client for the cluster this server runs in, with its pod's service account: the token file
   * is read for every request (the kubelet rotates it), the CA from the same directory.
   */
  public static KubernetesClient openInCluster(Executor executor, ClusterSettings settings) {
    String host = System.getenv("KUBERNETES_SERVICE_HOST");
    String port = System.getenv().getOrDefault("KUBERNETES_SERVICE_PORT", "443");
    if (host == null || host.isBlank() || !Files.isReadable(SERVICE_ACCOUNT.resolve("token"))) {
      throw new IllegalStateException("in-cluster credentials are not available: the server does not run in a "
          + "Kubernetes pod with a service account (KUBERNETES_SERVICE_HOST, " + SERVICE_ACCOUNT + "/token)");
    }
    String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    Config config = base(settings).withMasterUrl("https://" + authority)
        .withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
        .withOauthTokenProvider(() -> {
          try {
            return Files.readString(SERVICE_ACCOUNT.resolve("token")).trim();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service-account token", e);
          }
        })
        .build();
    return build(config, executor);
  }

  private static ConfigBuilder base(ClusterSettings settings) {
    return new ConfigBuilder(Config.empty()).withAutoConfigure(false)
        .withConnectionTimeout((int) settings.connectTimeout().toMillis())
        .withRequestTimeout((int) settings.requestTimeout().toMillis())
        .withRequestRetryBackoffLimit(settings.requestRetries())
        .withWatchReconnectInterval((int) settings.watchReconnectInterval().toMillis())
        .withUserAgent("drydock");
  }

  private static KubernetesClient build(Config config, Executor executor) {
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
        .withTaskExecutor(executor).build();
  }

  /** Reads owners through the API: typed for the workload kinds, generically for any other. */
  static OwnerResolver.Fetcher ownerFetcher(KubernetesClient client) {
    return (namespace, apiVersion, kind, name) -> {
      HasMetadata o = switch (kind) {
        case "ReplicaSet" -> client.apps().replicaSets().inNamespace(namespace).withName(name).get();
        case "Deployment" -> client.apps().deployments().inNamespace(namespace).withName(name).get();
        case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        case "DaemonSet" -> client.apps().daemonSets().inNamespace(namespace).withName(name).get();
        case "Job" -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        case "CronJob" -> client.batch().v1().cronjobs().inNamespace(namespace).withName(name).get();
        default -> client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).withName(name).get();
      };
      return Optional.ofNullable(o).map(x -> x.getMetadata().getOwnerReferences() == null ? List.<OwnerReference>of()
          : x.getMetadata().getOwnerReferences());
    };
  }
}
