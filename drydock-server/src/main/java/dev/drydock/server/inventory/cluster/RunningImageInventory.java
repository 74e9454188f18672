package dev.drydock.server.inventory.cluster;

import static dev.drydock.server.inventory.RegistryStore.utc;

import dev.drydock.server.inventory.RepoPaths;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code NOT_IN_SAS} part of the image inventory equal to what runs: every image a
 * container runs (known digest, parseable reference) that no registered registry's inventory
 * holds under that digest gets an {@code image} row with {@code access_type = 'NOT_IN_SAS'}, in an
 * {@code image_repo} row with no registry ({@code registry_id} NULL) that records the registry host
 * the reference names ({@code image_host}), so ListImageRisk lists it and a scan can pull it
 * ({@code host/path@digest}). Such rows disappear when nothing runs the image any more, or when a
 * registry sync brings the same digest in as {@code IN_SAS}. Scan results stay (keyed by digest).
 *
 * <p>Names: RepoNamespace / RepoName split the repository path as registry images do
 * ({@link RepoPaths#split}); RepoId and Uuid derive from host, path and tag label
 * ({@link RepoPaths#runningRepoId}, {@link RepoPaths#runningImageUuid}). The tag label is the tag
 * of the reference when that tag runs one digest; when it runs several (a rollout in progress,
 * {@code :latest} pulled at different times) each is labelled {@code tag@sha256:…}; a reference by
 * digest only is labelled {@code sha256:…}. RepoType is PRIVATE (Drydock has not probed the
 * registry), RegionId the cluster's.
 *
 * <p>Idempotent and safe to run from several processes at once (a duplicate insert by another
 * process is ignored; the next run converges).
 */
@Component
public class RunningImageInventory {

  public static final String NOT_IN_SAS = "NOT_IN_SAS";

  private final JdbcClient jdbc;

  public RunningImageInventory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What a reconcile changed. */
  public record Result(int added, int updated, int removed) {}

  record Running(String host, String path, @Nullable String tag, String digest, String region) {}

  record Wanted(String repoId, String host, String path, String region, String uuid, String label,
      String digest, String fullName) {}

  private record Existing(long id, String uuid, String digest) {}

  /** Brings the NOT_IN_SAS rows in line with the running containers. */
  public synchronized Result reconcile(Instant now) {
    List<Running> running = jdbc.sql("""
            SELECT DISTINCT w.image_host, w.image_path, w.image_tag, w.digest, c.region_id
            FROM workload_image w JOIN k8s_cluster c ON c.cluster_id = w.cluster_id
            WHERE w.digest IS NOT NULL AND w.image_host IS NOT NULL AND w.image_path IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM image i JOIN image_repo r ON r.id = i.repo_pk
                              WHERE r.registry_id IS NOT NULL AND i.digest = w.digest)""")
        .query((rs, i) -> new Running(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .list();
    Map<String, Wanted> wanted = wanted(running);
    Map<String, Existing> existing = new HashMap<>();
    jdbc.sql("""
            SELECT i.id, i.uuid, i.digest FROM image i JOIN image_repo r ON r.id = i.repo_pk
            WHERE r.registry_id IS NULL AND i.access_type = 'NOT_IN_SAS'""")
        .query((rs, i) -> new Existing(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .list().forEach(e -> existing.put(e.uuid(), e));
    int added = 0;
    int updated = 0;
    Map<String, Long> repoPks = new HashMap<>();
    for (Wanted w : wanted.values()) {
      Existing e = existing.get(w.uuid());
      if (e == null) {
        long repoPk = repoPks.computeIfAbsent(w.repoId(), id -> repo(w, now));
        added += insertImage(repoPk, w, now);
      } else if (!e.digest().equals(w.digest())) {
        jdbc.sql("UPDATE image SET digest = :d, image_id = NULL, image_update = :ms, last_seen_at = :now WHERE id = :id")
            .param("d", w.digest()).param("ms", now.toEpochMilli()).param("now", utc(now)).param("id", e.id()).update();
        updated++;
      }
    }
    List<Long> gone = existing.values().stream().filter(e -> !wanted.containsKey(e.uuid())).map(Existing::id).toList();
    if (!gone.isEmpty()) {
      jdbc.sql("DELETE FROM image WHERE id IN (:ids)").param("ids", gone).update();
    }
    jdbc.sql("""
            DELETE FROM image_repo WHERE registry_id IS NULL AND image_host IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM image i WHERE i.repo_pk = image_repo.id)""").update();
    return new Result(added, updated, gone.size());
  }

  /** The rows the running images call for, by Uuid. */
  static Map<String, Wanted> wanted(List<Running> running) {
    Map<List<String>, Set<String>> digestsByTag = new HashMap<>();
    for (Running r : running) {
      if (r.tag() != null) {
        digestsByTag.computeIfAbsent(List.of(r.host(), r.path(), r.tag()), k -> new HashSet<>()).add(r.digest());
      }
    }
    Map<String, String> regionByRepo = running.stream().collect(Collectors.toMap(r -> r.host() + "/" + r.path(),
        Running::region, (a, b) -> a.compareTo(b) <= 0 ? a : b, TreeMap::new));
    Map<String, Wanted> out = new HashMap<>();
    for (Running r : running) {
      String label;
      String fullName;
      String digestRef = r.digest().contains(":") ? r.digest() : "sha256:" + r.digest();
      if (r.tag() == null) {
        label = digestRef;
        fullName = r.path() + "@" + digestRef;
      } else if (digestsByTag.get(List.of(r.host(), r.path(), r.tag())).size() == 1) {
        label = r.tag();
        fullName = r.path() + ":" + r.tag();
      } else {
        label = r.tag() + "@" + digestRef;
        fullName = r.path() + ":" + label;
      }
      String uuid = RepoPaths.runningImageUuid(r.host(), r.path(), label);
      out.put(uuid, new Wanted(RepoPaths.runningRepoId(r.host(), r.path()), r.host(), r.path(),
          regionByRepo.get(r.host() + "/" + r.path()), uuid, label, r.digest(), fullName));
    }
    return out;
  }

  private long repo(Wanted w, Instant now) {
    RepoPaths.Split s = RepoPaths.split(w.path());
    try {
      jdbc.sql("""
              INSERT INTO image_repo (registry_id, repo_id, repo_namespace, repo_name, repo_type, region_id, created_at,
                internet_urls, image_host)
              VALUES (NULL, :repoId, :ns, :n, 'PRIVATE', :region, :now, :url, :host)""")
          .param("repoId", w.repoId()).param("ns", s.namespace()).param("n", s.name()).param("region", w.region())
          .param("now", utc(now)).param("url", w.host() + "/" + w.path()).param("host", w.host())
          .update();
    } catch (DuplicateKeyException raced) {
      // inserted by another process (or an earlier run): use it
    }
    return jdbc.sql("SELECT id FROM image_repo WHERE repo_id = :r").param("r", w.repoId()).query(Long.class).single();
  }

  private int insertImage(long repoPk, Wanted w, Instant now) {
    try {
      return jdbc.sql("""
              INSERT INTO image (uuid, repo_pk, tag, digest, image_update, tag_immutable, access_type, full_name,
                last_seen_at)
              VALUES (:uuid, :repo, :tag, :digest, :ms, 0, 'NOT_IN_SAS', :fullName, :now)""")
          .param("uuid", w.uuid()).param("repo", repoPk).param("tag", w.label()).param("digest", w.digest())
          .param("ms", now.toEpochMilli()).param("fullName", w.fullName()).param("now", utc(now))
          .update();
    } catch (DuplicateKeyException raced) {
      return 0;
    }
  }
}
