package dev.drydock.server.task;

import static dev.drydock.server.task.Sql.utc;

import dev.drydock.server.inventory.InventoryWriter;
import dev.drydock.server.inventory.RegistryRow;
import dev.drydock.server.inventory.RegistryStore;
import dev.drydock.server.inventory.RepoPaths;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts the images PublicSyncAndCreateImageScanTask names into the inventory (reference §1.4), so
 * the task's jobs and every result operation find them like synced images.
 *
 * <p>The repository is found, in order: by {@code repoId} among known repositories; in the
 * registered registry whose Id is {@code instanceId} (created there if new); else among the
 * repositories outside every registered registry by namespace and name (created if new — such
 * images can be listed but not pulled, so their scan fails with that reason). The image is found by
 * repository and tag; a known tag takes the submitted digest.
 */
@Component
public class SubmittedImages {

  private final JdbcClient jdbc;
  private final RegistryStore registries;
  private final InventoryWriter writer;
  private final Clock clock;

  public SubmittedImages(JdbcClient jdbc, RegistryStore registries, InventoryWriter writer, Clock clock) {
    this.jdbc = jdbc;
    this.registries = registries;
    this.writer = writer;
    this.clock = clock;
  }

  /** One entry of the {@code Images} parameter. */
  public record Submitted(@Nullable String registryType, @Nullable String repoId, @Nullable String instanceId,
      String repoNamespace, @Nullable String regionId, String repoName, String digest, String tag,
      @Nullable Long createTime, @Nullable Long updateTime) {}

  /** Adds or updates each image; returns their inventory UUIDs in the order given. */
  public List<String> put(List<Submitted> images) {
    Instant now = clock.instant();
    List<String> uuids = new ArrayList<>();
    for (Submitted s : images) {
      Repo repo = repo(s, now);
      String path = RepoPaths.join(s.repoNamespace(), s.repoName());
      Optional<String> existing = jdbc.sql("SELECT uuid FROM image WHERE repo_pk = :r AND tag = :t")
          .param("r", repo.pk()).param("t", s.tag()).query(String.class).optional();
      if (existing.isPresent()) {
        jdbc.sql("""
                UPDATE image SET image_update = CASE WHEN digest <> :d THEN :u ELSE image_update END, digest = :d,
                  last_seen_at = :now WHERE repo_pk = :r AND tag = :t""")
            .param("d", s.digest()).param("u", s.updateTime() == null ? now.toEpochMilli() : s.updateTime())
            .param("now", utc(now)).param("r", repo.pk()).param("t", s.tag()).update();
        uuids.add(existing.get());
        continue;
      }
      String uuid = RepoPaths.imageUuid(repo.registryId() == null ? 0 : repo.registryId(), path, s.tag());
      jdbc.sql("""
              INSERT INTO image (uuid, repo_pk, tag, digest, image_create, image_update, tag_immutable, access_type,
                full_name, last_seen_at)
              VALUES (:uuid, :repo, :tag, :digest, :created, :updated, 0, 'IN_SAS', :fullName, :now)""")
          .param("uuid", uuid).param("repo", repo.pk()).param("tag", s.tag()).param("digest", s.digest())
          .param("created", s.createTime()).param("updated", s.updateTime() == null ? now.toEpochMilli() : s.updateTime())
          .param("fullName", path + ":" + s.tag()).param("now", utc(now)).update();
      uuids.add(uuid);
    }
    return uuids;
  }

  private record Repo(long pk, @Nullable Long registryId) {}

  private Repo repo(Submitted s, Instant now) {
    if (s.repoId() != null) {
      Optional<Repo> byId = jdbc.sql("SELECT id, registry_id FROM image_repo WHERE repo_id = :id")
          .param("id", s.repoId()).query((rs, n) -> new Repo(rs.getLong(1), rs.getObject(2, Long.class))).optional();
      if (byId.isPresent()) {
        return byId.get();
      }
    }
    String path = RepoPaths.join(s.repoNamespace(), s.repoName());
    Optional<RegistryRow> registry = registry(s.instanceId());
    if (registry.isPresent()) {
      return new Repo(writer.upsertRepo(registry.get(), path, "PRIVATE", now), registry.get().id());
    }
    Optional<Long> known = jdbc.sql("""
            SELECT id FROM image_repo
            WHERE registry_id IS NULL AND image_host IS NULL AND repo_namespace = :ns AND repo_name = :n""")
        .param("ns", s.repoNamespace()).param("n", s.repoName()).query(Long.class).optional();
    if (known.isPresent()) {
      return new Repo(known.get(), null);
    }
    String repoId = s.repoId() != null ? s.repoId() : RepoPaths.repoId(0, path);
    jdbc.sql("""
            INSERT INTO image_repo (registry_id, repo_id, repo_namespace, repo_name, repo_type, region_id, created_at,
              registry_type)
            VALUES (NULL, :repoId, :ns, :n, 'PRIVATE', :region, :now, :rtype)""")
        .param("repoId", repoId).param("ns", s.repoNamespace()).param("n", s.repoName())
        .param("region", s.regionId() == null ? "" : s.regionId()).param("now", utc(now))
        .param("rtype", s.registryType()).update();
    return new Repo(jdbc.sql("SELECT id FROM image_repo WHERE repo_id = :id").param("id", repoId)
        .query(Long.class).single(), null);
  }

  private Optional<RegistryRow> registry(@Nullable String instanceId) {
    if (instanceId == null) {
      return Optional.empty();
    }
    try {
      return registries.find(Long.parseLong(instanceId.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
