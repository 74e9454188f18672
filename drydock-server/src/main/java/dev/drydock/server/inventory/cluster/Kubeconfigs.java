package dev.drydock.server.inventory.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link ClusterAccess} of one context of a kubeconfig (fabric8's kubeconfig model;
 * the client's own kubeconfig loader is not used because it runs exec plugins while loading).
 *
 * <p>Supported: a server URL, its CA ({@code certificate-authority-data}), a bearer
 * {@code token} and/or a client certificate and key ({@code client-certificate-data},
 * {@code client-key-data}), {@code insecure-skip-tls-verify}. Refused, with a message saying so:
 * {@code exec} credential plugins and {@code auth-provider}s (they would run commands on the server
 * or need refreshing there) and basic auth. File references ({@code certificate-authority},
 * {@code client-certificate}, {@code client-key}, {@code tokenFile}) are read — relative to the
 * kubeconfig's directory — only when the caller gives that directory (the CLI); through the API
 * they are refused, so a caller cannot make the server read its own files.
 *
 * @see <a href="https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/">kubeconfig (v1)</a>
 */
public final class Kubeconfigs {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private Kubeconfigs() {}

  /**
   * The access described by {@code context} (default: the kubeconfig's current context, else its
   * only context). {@code baseDir} null: file references are refused. Throws
   * IllegalArgumentException saying what is wrong.
   */
  public static ClusterAccess parse(String kubeconfig, @Nullable String context, @Nullable Path baseDir) {
    Config config;
    try {
      config = YAML.unmarshal(kubeconfig, Config.class);
    } catch (RuntimeException e) {
      // the parser's message may quote the document (and so a token): never pass it on
      throw new IllegalArgumentException("not a kubeconfig (YAML or JSON)");
    }
    if (config == null || config.getContexts() == null || config.getContexts().isEmpty()) {
      throw new IllegalArgumentException("the kubeconfig has no contexts");
    }
    String name = context != null && !context.isBlank() ? context : config.getCurrentContext();
    if (name == null || name.isBlank()) {
      if (config.getContexts().size() != 1) {
        throw new IllegalArgumentException("the kubeconfig has no current-context and several contexts: name one");
      }
      name = config.getContexts().getFirst().getName();
    }
    Context ctx = named(config.getContexts(), NamedContext::getName, name, "context").getContext();
    if (ctx == null || ctx.getCluster() == null) {
      throw new IllegalArgumentException("context \"" + name + "\" names no cluster");
    }
    Cluster cluster = named(config.getClusters(), NamedCluster::getName, ctx.getCluster(), "cluster").getCluster();
    if (cluster == null || cluster.getServer() == null || cluster.getServer().isBlank()) {
      throw new IllegalArgumentException("cluster \"" + ctx.getCluster() + "\" has no server");
    }
    AuthInfo user = ctx.getUser() == null ? null
        : named(config.getUsers(), NamedAuthInfo::getName, ctx.getUser(), "user").getUser();
    if (user == null) {
      throw new IllegalArgumentException("context \"" + name + "\" names no user: credentials are needed");
    }
    if (user.getExec() != null || user.getAuthProvider() != null) {
      throw new IllegalArgumentException("user \"" + ctx.getUser() + "\" uses an exec plugin or auth provider, which "
          + "Drydock does not run: use a service-account token or a client certificate");
    }
    String ca = data(cluster.getCertificateAuthorityData(), cluster.getCertificateAuthority(), baseDir,
        "certificate-authority");
    String cert = data(user.getClientCertificateData(), user.getClientCertificate(), baseDir, "client-certificate");
    String key = data(user.getClientKeyData(), user.getClientKey(), baseDir, "client-key");
    String token = user.getToken();
    if ((token == null || token.isBlank()) && user.getTokenFile() != null) {
      token = new String(read(user.getTokenFile(), baseDir, "tokenFile"), StandardCharsets.UTF_8).trim();
    }
    if ((token == null || token.isBlank()) && cert == null && user.getUsername() != null) {
      throw new IllegalArgumentException("basic auth (username/password) is not supported: use a token or a client "
          + "certificate");
    }
    return new ClusterAccess(cluster.getServer(), ca, token, cert, key,
        Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify()));
  }

  private static <T> T named(@Nullable List<T> items, Function<T, String> name, String wanted, String what) {
    return Optional.ofNullable(items).orElse(List.of()).stream().filter(i -> wanted.equals(name.apply(i)))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("the kubeconfig has no " + what + " \""
            + wanted + "\""));
  }

  private static @Nullable String data(@Nullable String inline, @Nullable String file, @Nullable Path baseDir,
      String field) {
    if (inline != null && !inline.isBlank()) {
      return inline.trim();
    }
    if (file == null || file.isBlank()) {
      return null;
    }
    return Base64.getEncoder().encodeToString(read(file, baseDir, field));
  }

  private static byte[] read(String file, @Nullable Path baseDir, String field) {
    if (baseDir == null) {
      throw new IllegalArgumentException(field + " names a file (" + file + "); send the kubeconfig with inline "
          + "data (kubectl config view --raw --minify --flatten)");
    }
    Path p = baseDir.resolve(file);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + field + " file " + p + ": " + e.getMessage());
    }
  }
}
