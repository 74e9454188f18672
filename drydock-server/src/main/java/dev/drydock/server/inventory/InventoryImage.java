package dev.drydock.server.inventory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One image of the inventory as the listing operations read it: the image row, its repository's
 * columns and what the latest scan of its digest left in {@code image_risk} and
 * {@code image_report}.
 *
 * @param registryId the registry the repository was synced from; null for images not from a registry
 * @param risk the latest risk counts; all zero before any scan of the digest
 * @param lastScan when the digest's stored report was written ({@code image_report.scanned_at});
 *     null before any scan, and in listings that do not read reports
 * @param deployed whether a workload runs the digest; false in listings that do not look
 */
public record InventoryImage(String uuid, String tag, String digest, @Nullable String imageId,
    @Nullable Long imageSize, @Nullable Long imageCreate, @Nullable Long imageUpdate, int tagImmutable,
    String accessType, String fullName, @Nullable Long registryId, String repoId, String repoNamespace,
    String repoName, String repoType, String regionId, @Nullable String registryType, @Nullable String endpoints,
    @Nullable String internetUrls, @Nullable String vpcUrls, @Nullable String endpointType,
    @Nullable String endpointDomains, Risk risk, @Nullable Instant lastScan, boolean deployed) {

  /** The counts of the three Security Center statistics (docs/statistics.md). */
  public record Risk(int vul, int baselineNum, int newSuspicious) {
    public static final Risk NONE = new Risk(0, 0, 0);

    public boolean any() {
      return vul > 0 || baselineNum > 0 || newSuspicious > 0;
    }

    /** ListImageRisk's {@code Statistics}: a JSON string {@code {"baselineNum":…,"newSuspicious":…,"vul":…}}. */
    public String json() {
      return "{\"baselineNum\":" + baselineNum + ",\"newSuspicious\":" + newSuspicious + ",\"vul\":" + vul + "}";
    }
  }

  /** The repository path ({@code namespace/repo}, or {@code repo} without a namespace). */
  public String path() {
    return RepoPaths.join(repoNamespace, repoName);
  }

  /** The EndPointList domains (DomainName authority first); empty when the repository has none. */
  public List<String> domains() {
    return endpointDomains == null || endpointDomains.isEmpty() ? List.of()
        : Arrays.stream(endpointDomains.split(",")).filter(d -> !d.isEmpty()).toList();
  }

  /**
   * The image as a pull reference: {@code domain-authority/path:tag} (reference example
   * {@code .aliyuncs.com/sas_test/baseline:exploit}), or {@code path:tag} without a registry.
   */
  public String reference() {
    List<String> d = domains();
    return d.isEmpty() ? fullName : d.get(0) + "/" + fullName;
  }
}
