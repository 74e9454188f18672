package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.Params;
import dev.drydock.server.results.ImageScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Request parameters the result operations share (reference §1.9–§1.13, §1.16): the image scope
 * (whichever of its parameters an operation has), comma-separated and repeated lists, paging.
 */
final class ResultParams {
  private ResultParams() {}

  /**
   * The image scope from Uuids / ImageUuid, Digest / ImageDigest, Tag / ImageTag, RepoId,
   * RepoInstanceId, RepoName, RepoNamespace, RepoRegionId, Image, ClusterId, Namespace, Pod and
   * ScanRange (image | container: without {@code image}, only images running in a cluster).
   * {@code RegionId} is not a filter: aliyun-java-sdk-core sends its profile's region as
   * {@code RegionId} with every call.
   */
  static ImageScope scope(Params p) {
    List<String> uuids = new ArrayList<>(values(p, "Uuids"));
    p.string("ImageUuid").ifPresent(uuids::add);
    List<String> range = p.list("ScanRange").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    return new ImageScope(uuids, first(p, "Digest", "ImageDigest"), first(p, "Tag", "ImageTag"),
        p.string("RepoId").orElse(null), p.string("RepoInstanceId").orElse(null), p.string("RepoName").orElse(null),
        p.string("RepoNamespace").orElse(null), p.string("RepoRegionId").orElse(null), p.string("Image").orElse(null),
        p.string("ClusterId").orElse(null), p.string("Namespace").orElse(null), p.string("Pod").orElse(null),
        !range.isEmpty() && !range.contains("image"));
  }

  /** A list given as {@code Name.N} items, or as one comma-separated {@code Name}; at most {@link Params#MAX_VALUES}. */
  static List<String> values(Params p, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : p.list(name)) {
      Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return List.copyOf(Params.bounded(name, out));
  }

  /** A comma-separated list whose items must each be one of {@code allowed} (case-insensitive). */
  static Set<String> allowed(Params p, String name, List<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values(p, name)) {
      String l = v.toLowerCase(Locale.ROOT);
      if (!allowed.contains(l)) {
        throw ApiException.invalid(name, "must be a comma-separated list of " + allowed + ", got \"" + v + "\"");
      }
      out.add(l);
    }
    return out;
  }

  /** {@code Lang}: zh (default) or en. Drydock's texts are English in both. */
  static String lang(Params p) {
    return p.oneOf("Lang", List.of("zh", "en")).orElse("zh");
  }

  /** A page size sent as a string ({@code PageSize} of the malicious-file operations). */
  static int stringPageSize(Params p, int max) {
    String v = p.required("PageSize").trim();
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > max) {
        throw ApiException.invalid("PageSize", "must be between 1 and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalid("PageSize", "not an integer: \"" + v + "\"");
    }
  }

  private static @Nullable String first(Params p, String a, String b) {
    Optional<String> v = p.string(a);
    return v.isPresent() ? v.get() : p.string(b).orElse(null);
  }

  /** {@code CurrentPage} (default 1) and {@code PageSize} (the operation's default, at most 100); {@code Lang} checked. */
  record Paging(int page, int size) {
    static Paging of(Params p, int defaultSize) {
      lang(p);
      return new Paging(p.currentPage(), p.pageSize(defaultSize, 100));
    }

    long offset() {
      return (long) (page - 1) * size;
    }

    /** This page of a list computed whole. */
    <T> List<T> slice(List<T> all) {
      if (offset() >= all.size()) {
        return List.of();
      }
      return all.subList((int) offset(), (int) Math.min(all.size(), offset() + size));
    }

    PageInfo info(int count, long total) {
      return new PageInfo(count, page, size, total);
    }
  }

  /** PageInfo of most result operations. */
  public record PageInfo(int count, int currentPage, int pageSize, long totalCount) {}
}
