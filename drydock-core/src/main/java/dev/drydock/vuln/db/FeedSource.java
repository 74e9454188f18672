package dev.drydock.vuln.db;

import dev.drydock.vuln.feed.FeedKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A feed the {@link Updater} downloads.
 *
 * @param name the source's name in the database ({@code osv/Maven}, {@code debian-tracker},
 *     {@code alpine-secdb/v3.19/main})
 * @param url where to download it (http or https)
 * @param kind what the content must be; null to accept whatever {@link FeedKind#detect} finds
 */
public record FeedSource(String name, URI url, @Nullable FeedKind kind) {

  /** osv.dev's per-ecosystem exports. */
  public static final String OSV_BUCKET = "https://osv-vulnerabilities.storage.googleapis.com/";
  /** The OSV ecosystems imported by default. */
  public static final List<String> OSV_ECOSYSTEMS = List.of("Debian", "Ubuntu", "Alpine", "Maven", "npm", "PyPI",
      "Go", "crates.io", "RubyGems", "Packagist", "NuGet");
  public static final String DEBIAN_TRACKER = "https://security-tracker.debian.org/tracker/data/json";
  public static final String ALPINE_SECDB = "https://secdb.alpinelinux.org/";
  /** The Alpine releases whose secdb is downloaded by default. */
  public static final List<String> ALPINE_RELEASES = List.of("v3.18", "v3.19", "v3.20", "v3.21", "v3.22");
  /** The Alpine repositories whose secdb is downloaded by default. */
  public static final List<String> ALPINE_REPOSITORIES = List.of("main", "community");

  public FeedSource {
    if (name.isBlank()) {
      throw new IllegalArgumentException("feed source without a name");
    }
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("feed source " + name + ": not an http(s) URL: " + url);
    }
  }

  /** osv.dev's {@code <Ecosystem>/all.zip}, named {@code osv/<Ecosystem>}. */
  public static FeedSource osv(String ecosystem) {
    return new FeedSource("osv/" + ecosystem, URI.create(OSV_BUCKET + ecosystem + "/all.zip"), FeedKind.OSV);
  }

  /** The Debian Security Tracker export, named {@code debian-tracker}. */
  public static FeedSource debianTracker() {
    return new FeedSource("debian-tracker", URI.create(DEBIAN_TRACKER), FeedKind.DEBIAN_TRACKER);
  }

  /** {@code secdb.alpinelinux.org/<release>/<repository>.json}, named {@code alpine-secdb/<release>/<repository>}. */
  public static FeedSource alpine(String release, String repository) {
    String r = release.startsWith("v") ? release : "v" + release;
    return new FeedSource("alpine-secdb/" + r + "/" + repository,
        URI.create(ALPINE_SECDB + r + "/" + repository + ".json"), FeedKind.ALPINE_SECDB);
  }

  /** The default sources: OSV for {@link #OSV_ECOSYSTEMS}, the Debian tracker, Alpine for {@link #ALPINE_RELEASES}. */
  public static List<FeedSource> defaults() {
    return defaults(ALPINE_RELEASES);
  }

  /** The default sources with the Alpine releases given ({@code v3.19} or {@code 3.19}). */
  public static List<FeedSource> defaults(List<String> alpineReleases) {
    List<FeedSource> out = new ArrayList<>();
    OSV_ECOSYSTEMS.forEach(e -> out.add(osv(e)));
    out.add(debianTracker());
    for (String release : alpineReleases) {
      ALPINE_REPOSITORIES.forEach(repo -> out.add(alpine(release, repo)));
    }
    return out;
  }
}
