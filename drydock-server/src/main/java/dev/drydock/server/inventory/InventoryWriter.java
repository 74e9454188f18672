package dev.drydock.server.inventory;

import static dev.drydock.server.inventory.RegistryStore.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a registry's repositories and images into {@code image_repo} and {@code image} — the
 * only writer of those tables for registry-backed images. Readers (ListImageRisk and the other
 * inventory operations) find there RepoNamespace, RepoName, RepoId, RepoType, RegionId,
 * RegistryType and the endpoint fields per repository, and Uuid, Tag, Digest (hex without
 * {@code sha256:}), ImageId (config digest hex), ImageSize, ImageCreate, ImageUpdate (epoch ms),
 * TagImmutable and ImageAccessType per image. Every change of the image rows drops the listing
 * counts remembered by {@link CountCache}.
 */
@Component
public class InventoryWriter {

  private final JdbcClient jdbc;
  private final CountCache counts;

  public InventoryWriter(JdbcClient jdbc, CountCache counts) {
    this.jdbc = jdbc;
    this.counts = counts;
  }

  /** A repository already in the inventory. */
  public record RepoRow(long pk, String repoId, String namespace, String name, String repoType) {
    public String path() {
      return RepoPaths.join(namespace, name);
    }
  }

  /** An image already in the inventory. */
  public record ImageRow(long id, String tag, String digest, @Nullable String imageId) {}

  /**
   * What the sync learnt about a manifest digest. {@code imageId} is null when the manifest could
   * not be read as an image (the tag is still listed, by digest).
   */
  public record Details(String digest, @Nullable String imageId, @Nullable Long size, @Nullable Long created) {}

  /** The registry's repositories by registry path. */
  public Map<String, RepoRow> repos(long registryId) {
    Map<String, RepoRow> out = new HashMap<>();
    jdbc.sql("SELECT id, repo_id, repo_namespace, repo_name, repo_type FROM image_repo WHERE registry_id = :r")
        .param("r", registryId)
        .query((rs, i) -> new RepoRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .list().forEach(r -> out.put(r.path(), r));
    return out;
  }

  /** A repository's images by tag. */
  public Map<String, ImageRow> images(long repoPk) {
    Map<String, ImageRow> out = new HashMap<>();
    jdbc.sql("SELECT id, tag, digest, image_id FROM image WHERE repo_pk = :r").param("r", repoPk)
        .query((rs, i) -> new ImageRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list().forEach(r -> out.put(r.tag(), r));
    return out;
  }

  /** What is already known about each fully read digest of the registry, so a digest is read once. */
  public Map<String, Details> knownDetails(long registryId) {
    Map<String, Details> out = new HashMap<>();
    jdbc.sql("""
            SELECT i.digest, i.image_id, i.image_size, i.image_create FROM image i
            JOIN image_repo r ON r.id = i.repo_pk WHERE r.registry_id = :r AND i.image_id IS NOT NULL""")
        .param("r", registryId)
        .query((rs, i) -> new Details(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class),
            rs.getObject(4, Long.class)))
        .list().forEach(d -> out.put(d.digest(), d));
    return out;
  }

  /** Inserts or refreshes a repository row; returns its primary key. */
  public long upsertRepo(RegistryRow registry, String path, String repoType, Instant now) {
    RepoPaths.Split s = RepoPaths.split(path);
    RegistryEndpoints e = registry.endpoints();
    Long pk = jdbc.sql("""
            SELECT id FROM image_repo WHERE registry_id = :r AND repo_namespace = :ns AND repo_name = :n""")
        .param("r", registry.id()).param("ns", s.namespace()).param("n", s.name())
        .query(Long.class).optional().orElse(null);
    if (pk == null) {
      jdbc.sql("""
              INSERT INTO image_repo (registry_id, repo_id, repo_namespace, repo_name, repo_type, region_id, created_at,
                registry_type, endpoints, internet_urls, vpc_urls, endpoint_type, endpoint_domains)
              VALUES (:r, :repoId, :ns, :n, :type, :region, :now, :rtype, :ep, :inet, :vpc, :eptype, :domains)""")
          .param("r", registry.id()).param("repoId", RepoPaths.repoId(registry.id(), path))
          .param("ns", s.namespace()).param("n", s.name()).param("type", repoType).param("region", registry.regionId())
          .param("now", utc(now)).param("rtype", registry.registryType()).param("ep", e.endpoints(s.namespace()))
          .param("inet", e.internetUrls(path)).param("vpc", e.vpcUrls(path)).param("eptype", e.endpointType())
          .param("domains", String.join(",", e.endpointDomains()))
          .update();
      return jdbc.sql("SELECT id FROM image_repo WHERE registry_id = :r AND repo_namespace = :ns AND repo_name = :n")
          .param("r", registry.id()).param("ns", s.namespace()).param("n", s.name()).query(Long.class).single();
    }
    jdbc.sql("""
            UPDATE image_repo SET repo_type = :type, region_id = :region, registry_type = :rtype, endpoints = :ep,
              internet_urls = :inet, vpc_urls = :vpc, endpoint_type = :eptype, endpoint_domains = :domains
            WHERE id = :pk""")
        .param("type", repoType).param("region", registry.regionId()).param("rtype", registry.registryType())
        .param("ep", e.endpoints(s.namespace())).param("inet", e.internetUrls(path)).param("vpc", e.vpcUrls(path))
        .param("eptype", e.endpointType()).param("domains", String.join(",", e.endpointDomains())).param("pk", pk)
        .update();
    return pk;
  }

  /** Recomputes the endpoint fields of every repository of a registry (its address changed). */
  public void refreshEndpoints(RegistryRow registry) {
    for (RepoRow r : repos(registry.id()).values()) {
      upsertRepo(registry, r.path(), r.repoType(), Instant.now());
    }
  }

  public void insertImage(RegistryRow registry, long repoPk, String path, String tag, Details d, Instant now) {
    jdbc.sql("""
            INSERT INTO image (uuid, repo_pk, tag, digest, image_id, image_size, image_create, image_update,
              tag_immutable, access_type, full_name, last_seen_at)
            VALUES (:uuid, :repo, :tag, :digest, :imageId, :size, :created, :updated, 0, 'IN_SAS', :fullName, :now)""")
        .param("uuid", RepoPaths.imageUuid(registry.id(), path, tag)).param("repo", repoPk).param("tag", tag)
        .param("digest", d.digest()).param("imageId", d.imageId()).param("size", d.size())
        .param("created", d.created()).param("updated", now.toEpochMilli()).param("fullName", path + ":" + tag)
        .param("now", utc(now))
        .update();
    counts.invalidate();
  }

  /** A tag now names another manifest (or was read fully at last). */
  public void updateImage(long imageId, Details d, boolean digestChanged, Instant now) {
    jdbc.sql("""
            UPDATE image SET digest = :digest, image_id = :imageId, image_size = :size, image_create = :created,
              image_update = CASE WHEN :changed THEN :updated ELSE image_update END, last_seen_at = :now
            WHERE id = :id""")
        .param("digest", d.digest()).param("imageId", d.imageId()).param("size", d.size())
        .param("created", d.created()).param("changed", digestChanged).param("updated", now.toEpochMilli())
        .param("now", utc(now)).param("id", imageId)
        .update();
    counts.invalidate();
  }

  /** Marks every image of a repository as seen now. */
  public void touch(long repoPk, Instant now) {
    jdbc.sql("UPDATE image SET last_seen_at = :now WHERE repo_pk = :r").param("now", utc(now)).param("r", repoPk)
        .update();
  }

  public void deleteImages(List<Long> ids) {
    if (!ids.isEmpty()) {
      jdbc.sql("DELETE FROM image WHERE id IN (:ids)").param("ids", ids).update();
      counts.invalidate();
    }
  }

  /** Removes a repository that left the registry, with its images. */
  public void deleteRepo(long repoPk) {
    jdbc.sql("DELETE FROM image WHERE repo_pk = :r").param("r", repoPk).update();
    jdbc.sql("DELETE FROM image_repo WHERE id = :r").param("r", repoPk).update();
    counts.invalidate();
  }
}
