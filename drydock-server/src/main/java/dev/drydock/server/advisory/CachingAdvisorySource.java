package dev.drydock.server.advisory;

import dev.drydock.vuln.AdvisorySource;
import dev.drydock.vuln.VulnerabilityReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An advisory source that remembers every package it was asked about, for one re-match pass over
 * many stored inventories: images share most of their packages (a base image under hundreds of
 * applications), so after the first few images nearly every lookup is answered from memory.
 * Thread-safe; valid only as long as the underlying database does not change (one pass).
 */
final class CachingAdvisorySource implements AdvisorySource {

  private final AdvisorySource db;
  private final Map<String, List<Match>> cache = new ConcurrentHashMap<>();

  CachingAdvisorySource(AdvisorySource db) {
    this.db = db;
  }

  @Override
  public VulnerabilityReport.DatabaseInfo info() {
    return db.info();
  }

  @Override
  public Set<String> ecosystems() {
    return db.ecosystems();
  }

  @Override
  public Map<String, List<Match>> lookup(String ecosystem, Collection<String> packageNames) {
    Map<String, List<Match>> out = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : packageNames) {
      List<Match> hit = cache.get(key(ecosystem, name));
      if (hit == null) {
        missing.add(name);
      } else if (!hit.isEmpty()) {
        out.put(name, hit);
      }
    }
    if (!missing.isEmpty()) {
      Map<String, List<Match>> found = db.lookup(ecosystem, missing);
      for (String name : missing) {
        List<Match> m = List.copyOf(found.getOrDefault(name, List.of()));
        cache.put(key(ecosystem, name), m);
        if (!m.isEmpty()) {
          out.put(name, m);
        }
      }
    }
    return out;
  }

  private static String key(String ecosystem, String name) {
    return ecosystem + "\u0000" + name;
  }
}
