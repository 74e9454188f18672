package dev.drydock.server.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Generates the benchmark's inventory in PostgreSQL with {@code generate_series}, into a schema
 * the server's migrations created: {@value #REGISTRIES} registries, {@value #NAMESPACES}
 * namespaces ({@code team-N}) of {@value #REPOS_PER_NAMESPACE} repositories each, named like
 * {@code lumerko-api} ({@link #repoName}: three syllables and a role, so names repeat across
 * namespaces as real ones do), {@value #TAGS_PER_REPO} tags per repository ({@code 1.0} …
 * {@code 1.48} and {@code latest}, which shares the digest of {@code 1.48}) — {@value #IMAGES}
 * images — risk rows for the digests of about half of them (the even image ids), and
 * {@value #WORKLOADS} workload rows: 2,000 apps of 10 pods each, spread over {@value #CLUSTERS}
 * clusters and 50 namespaces (half the digests stored with the {@code sha256:} prefix).
 * Registries are not synced ({@code trans_per_hour} 0, no sync requested).
 */
final class BenchData {

  static final int REGISTRIES = 20;
  static final int NAMESPACES = 200;
  static final int REPOS_PER_NAMESPACE = 100;
  static final int TAGS_PER_REPO = 50;
  static final int REPOS = NAMESPACES * REPOS_PER_NAMESPACE;
  static final int IMAGES = REPOS * TAGS_PER_REPO;
  static final int WORKLOADS = 20_000;
  static final int CLUSTERS = 10;

  static final List<String> SYLLABLES = List.of("al", "be", "cor", "da", "el", "fin", "gor", "hal", "in", "jor", "ka",
      "lu", "mer", "no", "pa", "qui", "ra", "sol", "tu", "vin");
  static final List<String> ROLES = List.of("api", "web", "worker", "db", "cache", "proxy", "job", "ui");

  private BenchData() {}

  /** The stem of repository {@code r} (1-based): three syllables, unique within its namespace. */
  static String stem(int r) {
    return SYLLABLES.get(r % 20) + SYLLABLES.get(r / 20 % 20) + SYLLABLES.get(r / 400 % 20);
  }

  static String repoName(int r) {
    return stem(r) + "-" + ROLES.get(r % 8);
  }

  /** {@code team-N/name}: the path of repository {@code r}. */
  static String path(int r) {
    return "team-" + (r - 1) / REPOS_PER_NAMESPACE + "/" + repoName(r);
  }

  private static String sqlArray(List<String> words) {
    return "ARRAY['" + String.join("','", words) + "']";
  }

  private static String sqlRepoName(String r) {
    String syl = sqlArray(SYLLABLES);
    // Substituted into format templates as an argument: single % signs.
    return "(" + syl + ")[1 + " + r + " % 20] || (" + syl + ")[1 + " + r + " / 20 % 20] || (" + syl + ")[1 + " + r
        + " / 400 % 20] || '-' || (" + sqlArray(ROLES) + ")[1 + " + r + " % 8]";
  }

  static void generate(Connection c) throws SQLException {
    List<String> steps = List.of(
        """
        INSERT INTO registry (id, registry_name, registry_type, domain_name, registry_host_ip, port, protocol_type,
          net_type, region_id, registry_version, user_name, trans_per_hour, created_at, modified_at, sync_requested)
        SELECT g, 'bench-' || g, (ARRAY['harbor','acr','quay','CI/CD'])[1 + g %% 4], 'registry-' || g || '.bench.test',
          '10.0.' || g || '.1', NULL, 2, 1 + g %% 2, 'cn-hangzhou', 'V2', 'bench', 0, now(), now(), FALSE
        FROM generate_series(1, %d) g""".formatted(REGISTRIES),
        """
        INSERT INTO image_repo (id, registry_id, repo_id, repo_namespace, repo_name, repo_type, region_id, created_at,
          registry_type, endpoints, internet_urls, vpc_urls, endpoint_type, endpoint_domains)
        SELECT r, g.id, 'crr-' || substr(md5('repo' || r), 1, 16), 'team-' || x.ns, %s,
          CASE WHEN r %% 3 = 0 THEN 'PUBLIC' ELSE 'PRIVATE' END, g.region_id, now(), g.registry_type,
          'https://' || g.domain_name || '/team-' || x.ns,
          CASE WHEN g.net_type = 1 THEN g.domain_name || '/team-' || x.ns || '/' || %s ELSE '' END,
          CASE WHEN g.net_type = 2 THEN g.domain_name || '/team-' || x.ns || '/' || %s ELSE '' END,
          CASE WHEN g.net_type = 1 THEN 'internet' ELSE 'intranet' END, g.domain_name || ',' || g.registry_host_ip
        FROM (SELECT r, (r - 1) / %d AS ns FROM generate_series(1, %d) r) x
        JOIN registry g ON g.id = 1 + x.ns %% %d""".formatted(sqlRepoName("r"), sqlRepoName("r"), sqlRepoName("r"),
            REPOS_PER_NAMESPACE, REPOS, REGISTRIES),
        """
        INSERT INTO image (id, uuid, repo_pk, tag, digest, image_id, image_size, image_create, image_update,
          tag_immutable, access_type, full_name, last_seen_at)
        SELECT i, md5('u' || i)::uuid::text, x.r, x.tag,
          md5('d' || x.d) || md5('e' || x.d), md5('c' || x.d) || md5('f' || x.d),
          10000000 + (i::bigint * 7919) %% 500000000, 1600000000000 + i::bigint * 1000, 1700000000000 + i::bigint * 1000, 0, 'IN_SAS',
          'team-' || ((x.r - 1) / %d) || '/' || %s || ':' || x.tag, now()
        FROM (SELECT i, 1 + (i - 1) / %d AS r,
                CASE WHEN (i - 1) %% %d = %d THEN 'latest' ELSE '1.' || ((i - 1) %% %d) END AS tag,
                CASE WHEN (i - 1) %% %d = %d THEN i - 1 ELSE i END AS d
              FROM generate_series(1, %d) i) x""".formatted(REPOS_PER_NAMESPACE, sqlRepoName("x.r"), TAGS_PER_REPO,
            TAGS_PER_REPO,
            TAGS_PER_REPO - 1, TAGS_PER_REPO, TAGS_PER_REPO, TAGS_PER_REPO - 1, IMAGES),
        """
        INSERT INTO image_risk (digest, vul, baseline_num, new_suspicious, scanned_at)
        SELECT digest, (id * 7) % 40, (id * 3) % 6, CASE WHEN id % 97 = 0 THEN 1 ELSE 0 END, now()
        FROM image WHERE id % 2 = 0 AND tag <> 'latest'""",
        """
        INSERT INTO workload_image (cluster_id, namespace, app_name, pod, container, image, digest, pod_uid)
        SELECT 'c-' || (w %% 2000 %% %d), 'k8s-ns-' || (w %% 2000 %% 50), 'app-' || (w %% 2000),
          'app-' || (w %% 2000) || '-' || w, 'main', i.full_name, i.digest, 'uid-' || w
        FROM generate_series(1, %d) w JOIN image i ON i.id = 1 + (w %% 2000 * 4999) %% %d""".formatted(CLUSTERS,
            WORKLOADS, IMAGES));
    try (Statement s = c.createStatement()) {
      for (String sql : steps) {
        long t = System.nanoTime();
        int n = s.executeUpdate(sql);
        System.out.printf(Locale.ROOT, "  generated %,9d rows into %-15s in %5.1f s%n", n,
            sql.substring(sql.indexOf("INTO ") + 5, sql.indexOf(" (")), (System.nanoTime() - t) / 1e9);
      }
    }
  }

  /** VACUUM (so index-only scans see all-visible pages) and ANALYZE, outside a transaction. */
  static void vacuum(Connection c) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      long t = System.nanoTime();
      s.execute("VACUUM ANALYZE");
      System.out.printf(Locale.ROOT, "  VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }
  }
}
