package dev.drydock.server.inventory;

import org.jspecify.annotations.Nullable;

/**
 * The inventory filters shared by the listing operations, as conditions of a {@link SqlWhere}.
 */
public final class ImageFilters {
  private ImageFilters() {}

  /** The conditions of an {@link ImageName} (its table of forms says what each selects). */
  public static void imageName(ImageName name, SqlWhere w) {
    switch (name) {
      case ImageName.Exact e -> {
        w.and("i.full_name = " + w.param(e.path() + ":" + e.tag()));
        host(e.host(), w);
      }
      case ImageName.RepoTag t -> w.and("r.repo_name = " + w.param(t.repoName())).and("i.tag = " + w.param(t.tag()));
      case ImageName.Repository r -> {
        path(r.path(), w);
        host(r.host(), w);
      }
      case ImageName.Namespace n -> w.and("r.repo_namespace = " + w.param(n.namespace()));
      case ImageName.Digest d -> {
        w.and("i.digest = " + w.param(d.hex()));
        if (d.path() != null) {
          path(d.path(), w);
        }
        host(d.host(), w);
      }
      case ImageName.Substring s -> w.and("i.full_name ILIKE " + w.param(SqlWhere.containsPattern(s.text()))
          + " ESCAPE '\\'");
    }
  }

  /**
   * ListImageRisk's ClusterId, Namespace (the Kubernetes namespace) and AppName: images whose
   * digest some container of a live pod runs, as the cluster watch records it in
   * {@code workload_image} (docs/clusters.md). Each given value must equal the row's column
   * exactly; together they are ANDed. A container whose digest is not known yet (image not
   * pulled) selects no image. Images are matched by digest, so a registry image ({@code IN_SAS})
   * is selected whatever tag or registry name the pod used, and a running image no registry holds
   * is selected as its {@code NOT_IN_SAS} row.
   */
  public static void workload(@Nullable String clusterId, @Nullable String namespace, @Nullable String appName,
      SqlWhere w) {
    if (clusterId == null && namespace == null && appName == null) {
      return;
    }
    StringBuilder sub = new StringBuilder("i.digest IN (SELECT w.digest FROM workload_image w WHERE w.digest IS NOT NULL");
    if (clusterId != null) {
      sub.append(" AND w.cluster_id = ").append(w.param(clusterId));
    }
    if (namespace != null) {
      sub.append(" AND w.namespace = ").append(w.param(namespace));
    }
    if (appName != null) {
      sub.append(" AND w.app_name = ").append(w.param(appName));
    }
    w.and(sub.append(")").toString());
  }

  private static void path(String path, SqlWhere w) {
    RepoPaths.Split s = RepoPaths.split(path);
    w.and("r.repo_namespace = " + w.param(s.namespace())).and("r.repo_name = " + w.param(s.name()));
  }

  /** Images of the registry known by that DomainName or RegistryHostIp authority ({@code host[:port]}). */
  private static void host(@Nullable String host, SqlWhere w) {
    if (host != null) {
      w.and("(',' || r.endpoint_domains || ',') LIKE " + w.param("%," + SqlWhere.escapeLike(host) + ",%")
          + " ESCAPE '\\'");
    }
  }
}
