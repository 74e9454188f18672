package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.cluster.ClusterAccess;
import dev.drydock.server.inventory.cluster.ClusterRegistry;
import dev.drydock.server.inventory.cluster.ClusterRegistry.Credentials;
import dev.drydock.server.inventory.cluster.ClusterRow;
import dev.drydock.server.inventory.cluster.Kubeconfigs;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * AddKubernetesCluster — a Drydock operation (Security Center has none that takes credentials: its
 * GenerateK8sAccessInfo hands out an agent install key, ListPrivateK8s answers the KubeConfig in
 * clear; see docs/clusters.md). Registers a self-managed cluster whose pods Drydock then watches.
 *
 * <p>Parameters: ClusterName (required, unique, ≤ 128 characters), ClusterType (Kubernetes — the
 * default —, ManagedKubernetes, Ask), RegionId (one of ListImageRegistryRegion; default the first),
 * and exactly one way in: {@code KubeConfig} (a kubeconfig document with inline data, optionally
 * {@code Context}; send it in the POST form body, it is long), or {@code ApiServerUrl} with
 * {@code Token} (a bearer token, e.g. a service account's) and {@code CaCert} (the API server's CA,
 * PEM; {@code InsecureSkipTlsVerify=true} instead turns verification off), or
 * {@code InCluster=true} (the service account of the pod the server runs in).
 *
 * <p>Answer: {@code Data{ClusterId, ClusterName, ClusterType, RegionId, AuthType, ApiServer,
 * CusterState, CreateTime}}. Credentials are stored encrypted and never answered or logged.
 */
@Component
public class AddKubernetesCluster implements SasAction {

  private final ClusterRegistry registry;

  public AddKubernetesCluster(ClusterRegistry registry) {
    this.registry = registry;
  }

  public record Response(ClusterInfo data) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String name = params.required("ClusterName");
    String type = params.oneOf("ClusterType", ClusterRow.TYPES).orElse("Kubernetes");
    Credentials credentials = credentials(params);
    try {
      ClusterRow row = registry.register(new ClusterRegistry.Registration(name, type,
          params.string("RegionId").orElse(null), credentials, RegistryFields.aliUid(context.caller().userId())));
      return new Response(ClusterInfo.of(row));
    } catch (ClusterRegistry.InvalidRegistration e) {
      throw ApiException.invalid(e.field(), e.why());
    }
  }

  static Credentials credentials(Params params) {
    List<String> given = new ArrayList<>();
    params.string("KubeConfig").ifPresent(v -> given.add("KubeConfig"));
    params.string("ApiServerUrl").ifPresent(v -> given.add("ApiServerUrl"));
    boolean inCluster = params.bool("InCluster").orElse(false);
    if (inCluster) {
      given.add("InCluster");
    }
    if (given.size() != 1) {
      throw given.isEmpty() ? ApiException.missing("KubeConfig")
          : ApiException.invalid(given.get(1), "give exactly one of KubeConfig, ApiServerUrl (with Token) or "
              + "InCluster=true, got " + given);
    }
    try {
      return switch (given.getFirst()) {
        case "KubeConfig" -> new Credentials.Kubeconfig(
            Kubeconfigs.parse(params.required("KubeConfig"), params.string("Context").orElse(null), null));
        case "ApiServerUrl" -> new Credentials.Token(new ClusterAccess(params.required("ApiServerUrl"),
            params.string("CaCert").map(ClusterAccess::pemData).orElse(null), params.required("Token"), null, null,
            params.bool("InsecureSkipTlsVerify").orElse(false)));
        default -> new Credentials.InCluster();
      };
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(given.getFirst().equals("ApiServerUrl") ? "ApiServerUrl" : given.getFirst(),
          e.getMessage());
    }
  }
}
