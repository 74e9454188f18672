package dev.drydock.server.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API server for tests: fabric8's mock server in CRUD mode (objects are stored, lists
 * and watches answer from them, watch events follow every change) on loopback over plain HTTP.
 * No real cluster runs on the test machines, so this is the one mocked part of the cluster tests;
 * Drydock talks to it through the real fabric8 client exactly as to a real API server. It accepts
 * any bearer token. {@link #stop()} makes it unreachable and {@link #restart()} brings it back on
 * the same port with the same objects.
 */
public final class MockCluster implements AutoCloseable {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** Server settings that make the cluster watch react within a second (set as system properties). */
  public static final java.util.Map<String, String> FAST_WATCH = java.util.Map.of(
      "drydock.cluster-sync.poll-interval", "PT0.3S",
      "drydock.cluster-sync.lease", "PT3S",
      "drydock.cluster-sync.flush-delay", "PT0.1S",
      "drydock.cluster-sync.watch-reconnect-interval", "PT0.2S",
      "drydock.cluster-sync.request-retries", "0",
      "drydock.cluster-sync.connect-timeout", "PT2S",
      "drydock.cluster-sync.probe-interval", "PT0.5S");

  private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher();
  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;
  private int port;
  private boolean running;

  private MockCluster() {
    start(0);
  }

  /** A running mock API server holding the objects of the given fixture files (Kubernetes List documents). */
  public static MockCluster withFixtures(String... resources) {
    MockCluster m = new MockCluster();
    for (String r : resources) {
      m.create(load(r));
    }
    return m;
  }

  private void start(int wantedPort) {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), wantedPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getPort();
    client = server.createClient();
    running = true;
  }

  public static List<HasMetadata> load(String resource) {
    try (InputStream in = MockCluster.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + resource);
      }
      return JSON.unmarshal(in, KubernetesList.class).getItems();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the objects (pods with their status, as a kubelet would have reported it). */
  public void create(List<HasMetadata> items) {
    for (HasMetadata item : items) {
      HasMetadata copy = JSON.clone(item);
      copy.getMetadata().setResourceVersion(null);
      HasMetadata created = client.resource(copy).create();
      if (copy instanceof Pod p && p.getStatus() != null) {
        Pod withStatus = (Pod) created;
        withStatus.setStatus(p.getStatus());
        client.pods().inNamespace(p.getMetadata().getNamespace()).resource(withStatus).updateStatus();
      }
    }
  }

  public NamespacedKubernetesClient client() {
    return client;
  }

  /** The API server URL ({@code http://127.0.0.1:PORT}). */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** A kubeconfig with inline data naming this server, as {@code kubectl config view --raw --minify} prints it. */
  public String kubeconfig(String token) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            server: %s
          name: mock
        contexts:
        - context:
            cluster: mock
            namespace: default
            user: drydock-reader
          name: mock
        current-context: mock
        preferences: {}
        users:
        - name: drydock-reader
          user:
            token: %s
        """.formatted(url(), token);
  }

  /**
   * Makes the API server unreachable (connections refused). fabric8's mock server gives Vert.x ten
   * seconds to close; on a loaded machine that can run out after the port is closed, which is all a
   * test needs, so the timeout fails the call only when the port still accepts connections.
   */
  public void stop() {
    if (running) {
      running = false;
      client.close();
      try {
        server.destroy();
      } catch (IllegalStateException e) {
        if (accepting()) {
          throw e;
        }
      }
    }
  }

  private boolean accepting() {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Brings the API server back on the same port, with the objects it held. */
  public void restart() {
    start(port);
  }

  @Override
  public void close() {
    stop();
  }
}
