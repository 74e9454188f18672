package dev.drydock.server.inventory;

import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.Image;
import dev.drydock.image.ImageException;
import dev.drydock.image.ImageResolver;
import dev.drydock.image.ManifestDocument;
import dev.drydock.image.ManifestParser;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.image.RegistryException;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.RegistryClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One sync of one registry: the repositories of {@code /v2/_catalog} and the tags of each
 * {@code /v2/NAME/tags/list} (both followed through {@code Link} pagination), each tag resolved to
 * its manifest digest with a HEAD (falling back to GET when the registry sends no
 * {@code Docker-Content-Digest}), written to the inventory through {@link InventoryWriter}.
 *
 * <p><b>Incremental rule.</b> A tag whose digest equals the one stored (and which was read fully
 * before) costs one HEAD and nothing else. Only a new digest is read: its manifest (for an index,
 * the linux/amd64 entry, else the first real platform) and its config give ImageId (the config
 * digest), ImageSize (sum of the layers' sizes) and ImageCreate (the config's {@code created}); a
 * digest already read under another tag of the registry is not read again. Tags no longer listed
 * are removed, and repositories no longer in the catalog with all their images — after the whole
 * catalog was listed, so a sync that fails half-way never removes anything it did not see gone.
 * Scan results are keyed by digest and are not touched.
 *
 * <p><b>RepoType</b>: PUBLIC when an anonymous HEAD of the repository's first tag succeeds,
 * else PRIVATE.
 *
 * <p>Manifests that are not container images (a config media type other than the OCI or Docker
 * image config: Helm charts, signatures, attestations) are left out. A tag whose manifest cannot
 * be read as an image is still listed with its digest, without ImageId, and named in
 * {@link SyncResult#problems()}. Authentication failures and failures that persist after the
 * retries fail the whole sync.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RegistrySync {

  private static final long MAX_CONFIG_BYTES = 16L << 20;
  private static final Set<String> CONFIG_TYPES = Set.of(MediaTypes.OCI_CONFIG, MediaTypes.DOCKER_CONFIG, "");
  private static final int MAX_PROBLEMS = 20;

  /** Renews the claim on the registry; throws when it was lost. */
  interface Lease {
    void renewIfDue();
  }

  private final RegistryRow registry;
  private final RegistryClient client;
  private final RegistryClient anonymous;
  private final InventoryWriter writer;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Lease lease;
  private final int pageSize;

  private int tagCount;
  private int added;
  private int changed;
  private int unchanged;
  private int removedTags;
  private int manifestGets;
  private int blobGets;
  private int skipped;
  private final List<String> problems = new ArrayList<>();

  RegistrySync(RegistryRow registry, CredentialProvider credentials, SyncSettings settings, InventoryWriter writer,
      TransactionTemplate tx, Clock clock, Lease lease) {
    this.registry = registry;
    RegistryEndpoints e = registry.endpoints();
    RegistryClient.Options options = new RegistryClient.Options(e.insecure(), settings.connectTimeout(),
        settings.requestTimeout(), settings.maxAttempts(), settings.backoff(), "drydock/0.1 registry-sync");
    this.client = new RegistryClient(e.connectAddress(), e.connectAddress(), credentials, options);
    this.anonymous = new RegistryClient(e.connectAddress(), e.connectAddress(), CredentialProvider.ANONYMOUS,
        options.withRetries(1, settings.backoff()));
    this.writer = writer;
    this.tx = tx;
    this.clock = clock;
    this.lease = lease;
    this.pageSize = settings.pageSize();
  }

  SyncResult run() throws IOException {
    Instant start = clock.instant();
    List<String> catalog = new ArrayList<>(new TreeSet<>(client.catalog(pageSize)));
    Map<String, InventoryWriter.RepoRow> before = writer.repos(registry.id());
    Map<String, InventoryWriter.Details> known = writer.knownDetails(registry.id());
    for (String path : catalog) {
      lease.renewIfDue();
      syncRepository(path, before.get(path), known);
    }
    Set<String> listed = new HashSet<>(catalog);
    List<InventoryWriter.RepoRow> gone = before.values().stream().filter(r -> !listed.contains(r.path())).toList();
    tx.executeWithoutResult(s -> gone.forEach(r -> writer.deleteRepo(r.pk())));
    return new SyncResult(catalog.size(), tagCount, added, changed, unchanged, removedTags, gone.size(), manifestGets,
        blobGets, skipped, problems, Duration.between(start, clock.instant()));
  }

  private record Resolved(String tag, InventoryWriter.Details details) {}

  private void syncRepository(String path, InventoryWriter.@Nullable RepoRow repo,
      Map<String, InventoryWriter.Details> known) throws IOException {
    String what = registry.endpoints().connectAddress() + "/" + path;
    List<String> tags;
    try {
      tags = new ArrayList<>(new TreeSet<>(client.tags(path, pageSize)));
    } catch (RegistryException e) {
      if (e.status() != 404) {
        throw e;
      }
      tags = List.of(); // the repository went away since the catalog was read
    }
    Map<String, InventoryWriter.ImageRow> existing = repo == null ? Map.of() : writer.images(repo.pk());
    List<Resolved> resolved = new ArrayList<>();
    for (String tag : tags) {
      lease.renewIfDue();
      Resolved r = resolve(path, tag, existing.get(tag), known, what + ":" + tag);
      if (r != null) {
        resolved.add(r);
      }
    }
    String repoType = repoType(path, resolved, repo);
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> write(path, repoType, resolved, existing, now));
  }

  private @Nullable Resolved resolve(String path, String tag, InventoryWriter.@Nullable ImageRow stored,
      Map<String, InventoryWriter.Details> known, String what) throws IOException {
    RegistryClient.FetchedManifest fetched = null;
    Digest digest;
    try {
      digest = client.headManifest(path, tag, what).orElse(null);
      if (digest == null) {
        fetched = client.fetchManifest(path, tag, what);
        manifestGets++;
        digest = fetched.digest();
      }
    } catch (RegistryException.ManifestUnknown e) {
      return null; // deleted since the tag list was read
    }
    String hex = digest.encoded();
    if (stored != null && stored.digest().equals(hex) && stored.imageId() != null) {
      unchanged++;
      tagCount++;
      return new Resolved(tag, new InventoryWriter.Details(hex, stored.imageId(), null, null));
    }
    InventoryWriter.Details d = known.get(hex);
    if (d == null) {
      try {
        d = read(path, digest, fetched, what);
      } catch (ArtifactException e) {
        skipped++;
        return null;
      } catch (RegistryException e) {
        if (e.isTransient() || e.status() == 401 || e.status() == 403) {
          throw e;
        }
        d = unreadable(hex, what, e);
      } catch (ImageException e) {
        d = unreadable(hex, what, e);
      }
      if (d.imageId() != null) {
        known.put(hex, d);
      }
    }
    tagCount++;
    if (stored == null) {
      added++;
    } else {
      changed++;
    }
    return new Resolved(tag, d);
  }

  private InventoryWriter.Details unreadable(String hex, String what, Exception e) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(what + ": " + e.getMessage());
    }
    return new InventoryWriter.Details(hex, null, null, null);
  }

  /** Not a container image (no image config); left out of the inventory. */
  private static final class ArtifactException extends Exception {
    ArtifactException() {
      super(null, null, false, false);
    }
  }

  private InventoryWriter.Details read(String path, Digest digest, RegistryClient.@Nullable FetchedManifest top,
      String what) throws IOException, ArtifactException {
    if (top == null) {
      top = client.fetchManifest(path, digest.toString(), what);
      manifestGets++;
    }
    ImageResolver.ManifestBytes chosen = bytes(top);
    ManifestDocument doc = ManifestParser.parse(top.bytes(), top.contentType(), what);
    if (doc instanceof ManifestDocument.Index index) {
      Descriptor child = pick(index, what);
      chosen = bytes(client.fetchManifest(path, child.digest().toString(), what + "@" + child.digest()));
      manifestGets++;
      doc = ManifestParser.parse(chosen.bytes(), chosen.contentType(), what);
    }
    if (doc instanceof ManifestDocument.Manifest m && !CONFIG_TYPES.contains(m.config().mediaType())) {
      throw new ArtifactException();
    }
    Image image = ImageResolver.resolve(what, null, chosen, null, new ImageResolver.Fetcher() {
      @Override
      public ImageResolver.ManifestBytes manifest(Descriptor d) throws IOException {
        manifestGets++;
        return bytes(client.fetchManifest(path, d.digest().toString(), what + "@" + d.digest()));
      }

      @Override
      public byte[] blob(Descriptor d, long maxBytes) throws IOException {
        blobGets++;
        return client.fetchBlob(path, d, Math.min(maxBytes, MAX_CONFIG_BYTES), what);
      }
    });
    long size = image.layers().stream().mapToLong(l -> l.descriptor().size()).sum();
    return new InventoryWriter.Details(digest.encoded(), image.configDescriptor().digest().encoded(), size,
        epochMillis(image.config().created()));
  }

  /** linux/amd64 if the index has it, else its first entry for a real platform, else its first entry. */
  static Descriptor pick(ManifestDocument.Index index, String what) throws ImageException {
    Descriptor first = null;
    for (Descriptor d : index.manifests()) {
      Platform p = d.platform();
      if (p != null && Platform.LINUX_AMD64.matches(p)) {
        return d;
      }
      if (first == null && (p == null || !p.os().equals("unknown"))) {
        first = d;
      }
    }
    if (first == null) {
      throw new ImageException("empty index: " + what);
    }
    return first;
  }

  private static ImageResolver.ManifestBytes bytes(RegistryClient.FetchedManifest m) {
    return new ImageResolver.ManifestBytes(m.bytes(), m.contentType(), m.digest());
  }

  static @Nullable Long epochMillis(@Nullable String created) {
    if (created == null || created.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(created).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String repoType(String path, List<Resolved> resolved, InventoryWriter.@Nullable RepoRow repo)
      throws IOException {
    if (resolved.isEmpty()) {
      return repo == null ? "PRIVATE" : repo.repoType();
    }
    try {
      anonymous.headManifest(path, resolved.get(0).tag(), "anonymous check of " + path);
      return "PUBLIC";
    } catch (RegistryException e) {
      return "PRIVATE";
    }
  }

  private void write(String path, String repoType, List<Resolved> resolved,
      Map<String, InventoryWriter.ImageRow> existing, Instant now) {
    long repoPk = writer.upsertRepo(registry, path, repoType, now);
    writer.touch(repoPk, now);
    Set<String> seen = new HashSet<>();
    for (Resolved r : resolved) {
      seen.add(r.tag());
      InventoryWriter.ImageRow stored = existing.get(r.tag());
      if (stored == null) {
        writer.insertImage(registry, repoPk, path, r.tag(), r.details(), now);
      } else if (!stored.digest().equals(r.details().digest()) || stored.imageId() == null) {
        writer.updateImage(stored.id(), r.details(), !stored.digest().equals(r.details().digest()), now);
      }
    }
    List<Long> gone = existing.values().stream().filter(i -> !seen.contains(i.tag())).map(InventoryWriter.ImageRow::id)
        .toList();
    removedTags += gone.size();
    writer.deleteImages(gone);
  }
}
