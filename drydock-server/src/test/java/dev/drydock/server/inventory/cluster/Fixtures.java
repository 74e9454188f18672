package dev.drydock.server.inventory.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The kubernetes/shop fixtures ({@code testdata/kubernetes/shop}), read as the client reads API answers. */
final class Fixtures {

  static final String DIR = "/testdata/kubernetes/shop/";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private Fixtures() {}

  static List<HasMetadata> items(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + file);
      }
      return JSON.unmarshal(in, KubernetesList.class).getItems();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Pod> pods() {
    return items("pods.json").stream().map(Pod.class::cast).toList();
  }

  /** A fetcher answering from workloads.json, counting its calls. */
  static final class WorkloadFetcher implements OwnerResolver.Fetcher {
    final AtomicInteger calls = new AtomicInteger();
    private final Map<String, List<OwnerReference>> owners = new HashMap<>();

    WorkloadFetcher() {
      for (HasMetadata w : items("workloads.json")) {
        owners.put(key(w.getMetadata().getNamespace(), w.getKind(), w.getMetadata().getName()),
            w.getMetadata().getOwnerReferences() == null ? List.of() : w.getMetadata().getOwnerReferences());
      }
    }

    @Override
    public Optional<List<OwnerReference>> owners(String namespace, String apiVersion, String kind, String name) {
      calls.incrementAndGet();
      return Optional.ofNullable(owners.get(key(namespace, kind, name)));
    }

    private static String key(String ns, String kind, String name) {
      return ns + "/" + kind + "/" + name;
    }
  }
}
