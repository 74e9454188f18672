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
   * digest a matching {@code workload_image} row runs. Each given value must equal the row's
   * column exactly; together they are ANDed. The row's digest may be stored with or without the
   * {@code sha256:} prefix; a row without a digest (not resolved yet) matches no image.
   */
  public static void workload(@Nullable String clusterId, @Nullable String namespace, @Nullable String appName,
      SqlWhere w) {
    if (clusterId == null && namespace == null && appName == null) {
      return;
    }
    StringBuilder sub = new StringBuilder("""
        i.digest IN (SELECT CASE WHEN w.digest LIKE 'sha256:%' THEN SUBSTRING(w.digest, 8) ELSE w.digest END
        FROM workload_image w WHERE w.digest IS NOT NULL""");
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
