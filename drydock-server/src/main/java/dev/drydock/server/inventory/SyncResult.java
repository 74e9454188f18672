package dev.drydock.server.inventory;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one sync of a registry did.
 *
 * @param repositories repositories listed by the catalog
 * @param tags tags listed across them (artifacts that are not images excluded)
 * @param added tags new to the inventory
 * @param changed tags whose manifest digest changed (or that are read fully at last)
 * @param unchanged tags whose digest was already known: no manifest or blob was fetched for them
 * @param removedTags tags that left the registry and were removed from the inventory
 * @param removedRepositories repositories that left the catalog
 * @param manifestGets manifests fetched with GET (HEADs not counted)
 * @param blobGets blobs (image configs) fetched
 * @param skippedArtifacts manifests that are not container images (Helm charts, signatures …), left out
 * @param problems tags that could not be read as images, with the reason (at most 20 kept)
 */
public record SyncResult(int repositories, int tags, int added, int changed, int unchanged, int removedTags,
    int removedRepositories, int manifestGets, int blobGets, int skippedArtifacts, List<String> problems,
    Duration duration) {

  public SyncResult {
    problems = List.copyOf(problems);
  }

  /** A short account for the registry's {@code sync_error} when some tags could not be read; null if none. */
  public @Nullable String problemSummary() {
    if (problems.isEmpty()) {
      return null;
    }
    return problems.size() + " tag(s) could not be read as images; first: " + problems.get(0);
  }
}
