package dev.drydock.server.api.sas;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.ImageRef;
import dev.drydock.server.results.VulnQueries;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * DescribeImageVulList (reference §1.10, paging §1.16): the vulnerabilities of images, one record
 * per (image, vulnerability) with the image's affected packages in {@code ExtendContentJson}.
 * Paging is flat ({@code CurrentPage}, {@code PageSize} default 10, {@code TotalCount} at the top
 * level). {@code Type} (required): {@code cve} (OS packages) or {@code sca} (language packages).
 *
 * <p>Fields: {@code Name} and {@code Related} are the vulnerability's CVE id (else its advisory
 * id); {@code AliasName} its title; {@code Necessity} asap/later/nntf from the most severe package;
 * {@code Status} 1 (unfixed: Drydock does not track handling, so {@code Dealed=y} and
 * {@code StatusList} 4/7 match nothing); {@code CanFix} yes when a package has a fixed version;
 * {@code FirstTs} first seen, {@code LastTs}/{@code ModifyTs} last matched, {@code ScanTime} last
 * pulled (epoch ms); {@code TargetId}/{@code TargetName}/{@code TargetType} the image's Uuid, name and
 * {@code IMAGE} (as DescribeAffectedMaliciousFileImages answers them; the reference's ECS_SNAPSHOT
 * and ECS_IMAGE name agentless ECS targets). Cluster and host fields are empty.
 */
@Component
public class DescribeImageVulList implements SasAction {

  private final VulnQueries queries;

  public DescribeImageVulList(VulnQueries queries) {
    this.queries = queries;
  }

  public record RpmEntity(String fullVersion, @Nullable String layer, String matchDetail, List<String> matchList,
      String name, String path, String updateCmd, String version) {}

  public record ExtendContent(String os, String osRelease, List<RpmEntity> rpmEntityList) {}

  public record VulRecord(String aliasName, String canFix, boolean canUpdate, String clusterId, String clusterName,
      String containerId, ExtendContent extendContentJson, long firstTs, String image, String imageDigest,
      String instanceName, String internetIp, String intranetIp, long lastTs, List<String> layers,
      String maliciousSource, long modifyTs, String name, String namespace, String necessity, String pod,
      long primaryId, String related, String repoName, String repoNamespace, String ruleTag, long scanTime,
      int status, String tag, String targetId, String targetName, String targetType, String type, String uuid) {}

  public record Response(int currentPage, int pageSize, long totalCount, List<VulRecord> vulRecords) {}

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("Type");
    String type = params.oneOf("Type", List.of("cve", "sca")).orElseThrow();
    ResultParams.Paging paging = ResultParams.Paging.of(params, 10);
    int page = paging.page();
    int size = paging.size();
    Set<String> necessity = ResultParams.allowed(params, "Necessity", List.of("asap", "later", "nntf"));
    Set<String> statuses = ResultParams.allowed(params, "StatusList", List.of("1", "4", "7"));
    boolean dealt = params.oneOf("Dealed", List.of("y", "n", "Y", "N")).map(d -> d.equalsIgnoreCase("y"))
        .orElse(false);
    if (dealt || (!statuses.isEmpty() && !statuses.contains("1"))) {
      return new Response(page, size, 0, List.of());
    }
    VulnQueries.Filter f = new VulnQueries.Filter(type, params.string("Name").map(DescribeImageVulList::id).orElse(null),
        params.string("AliasName").orElse(null), necessity, null);
    long total = queries.countRecords(ResultParams.scope(params), f);
    List<VulRecord> records = queries.records(ResultParams.scope(params), f, page, size).stream()
        .map(DescribeImageVulList::record).toList();
    return new Response(page, size, total, records);
  }

  /** {@code debian:12:CVE-2023-4911} or {@code CVE-2023-4911} → {@code CVE-2023-4911}. */
  static String id(String name) {
    int colon = name.lastIndexOf(':');
    return colon < 0 ? name.trim() : name.substring(colon + 1).trim();
  }

  static VulRecord record(VulnQueries.VulnRecord r) {
    ImageRef img = r.image();
    List<RpmEntity> entities = r.packages().stream().map(p -> new RpmEntity(p.version(), p.layer(),
        p.fixedVersion() == null ? p.name() + " " + p.version() + " is affected; no fixed version yet"
            : p.name() + " " + p.version() + " is older than the fixed version " + p.fixedVersion(),
        List.of(p.name() + " " + p.version()), p.name(), p.path(), updateCmd(p), p.version())).toList();
    String related = r.packages().stream().flatMap(p -> java.util.stream.Stream.concat(
            java.util.stream.Stream.of(r.vulnId()), java.util.Arrays.stream(p.aliases().split(","))))
        .filter(a -> a.startsWith("CVE-")).distinct().reduce((a, b) -> a + "," + b).orElse(r.vulnId());
    long last = img.matchedAt() == null ? 0 : img.matchedAt().toEpochMilli();
    long scanned = img.scannedAt() == null ? 0 : img.scannedAt().toEpochMilli();
    return new VulRecord(Objects.requireNonNullElse(r.title(), r.vulnId()), r.canFix() ? "yes" : "no", r.canFix(), "",
        "", "", new ExtendContent(img.osId(), img.osVersion(), entities), r.firstSeen().toEpochMilli(), img.name(),
        img.digest(), "", "", "", last, r.packages().stream().map(VulnQueries.Pkg::layer).filter(Objects::nonNull)
            .distinct().toList(),
        "", last, r.vulnId(), "", r.necessity(), "", r.packages().get(0).id(), related, img.repoName(),
        img.repoNamespace(), "", scanned, 1, img.tag(), img.uuid(), img.name(), "IMAGE", r.type(), img.uuid());
  }

  private static String updateCmd(VulnQueries.Pkg p) {
    if (p.fixedVersion() == null) {
      return "";
    }
    return switch (p.ecosystem()) {
      case "deb" -> "apt-get update && apt-get install --only-upgrade " + p.name();
      case "apk" -> "apk upgrade " + p.name();
      case "rpm" -> "yum update " + p.name();
      default -> "upgrade " + p.name() + " to " + p.fixedVersion();
    };
  }

  static long millis(@Nullable Instant t) {
    return t == null ? 0 : t.toEpochMilli();
  }
}
