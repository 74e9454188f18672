package dev.drydock.server.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The request mix of the benchmark: ListImageRisk calls as consoles and scripts make them, with
 * their share of the load (weights sum to 100) over the {@link BenchData} inventory. Scripts
 * mostly ask for one image (a CI gate) or a repository; consoles open the first pages and page on;
 * substring searches and cluster views, about ten times costlier in the database, are the rarer,
 * interactive calls. Every scenario's figures are printed on their own as well.
 */
enum Scenario {
  /** The first pages of the whole inventory (what a console opens on). */
  FIRST_PAGES(35),
  /** Any of the first 50 pages of the whole inventory. */
  DEEP_PAGES(15),
  /** {@code team-N/name}: every tag of one repository (50), one of its three pages. */
  REPOSITORY(15),
  /** {@code team-N/name:1.T}: one image. */
  IMAGE(25),
  /** A repository's stem ({@code lumerko}): a substring of two or three repositories (about 125 images). */
  SUBSTRING(5),
  /** {@code ClusterId=c-K}: the images one cluster's workloads run (about 200). */
  CLUSTER(5);

  final int weight;

  Scenario(int weight) {
    this.weight = weight;
  }

  /** {@code -Dbench.only=NAME}: run that scenario alone (to see its own cost). */
  private static final String ONLY = System.getProperty("bench.only", "");

  static Scenario pick(Random random) {
    if (!ONLY.isEmpty()) {
      return valueOf(ONLY);
    }
    int n = random.nextInt(100);
    for (Scenario s : values()) {
      n -= s.weight;
      if (n < 0) {
        return s;
      }
    }
    throw new IllegalStateException("weights do not sum to 100");
  }

  /** ListImageRisk's business parameters for one call. */
  Map<String, String> params(Random random) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("PageSize", "20");
    int repo = 1 + random.nextInt(BenchData.REPOS);
    String path = BenchData.path(repo);
    switch (this) {
      case FIRST_PAGES -> p.put("CurrentPage", String.valueOf(1 + random.nextInt(5)));
      case DEEP_PAGES -> p.put("CurrentPage", String.valueOf(1 + random.nextInt(50)));
      case REPOSITORY -> {
        p.put("ImageName", path);
        p.put("CurrentPage", String.valueOf(1 + random.nextInt(3)));
      }
      case IMAGE -> p.put("ImageName", path + ":1." + random.nextInt(BenchData.TAGS_PER_REPO - 1));
      case SUBSTRING -> p.put("ImageName", BenchData.stem(repo));
      case CLUSTER -> p.put("ClusterId", "c-" + random.nextInt(BenchData.CLUSTERS));
    }
    return p;
  }
}
