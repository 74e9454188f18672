package dev.drydock.vuln;

import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** An advisory source held in memory, for matcher tests. */
final class InMemoryAdvisories implements AdvisorySource {
  private final List<Advisory> advisories = new ArrayList<>();

  InMemoryAdvisories add(Advisory a) {
    advisories.add(a);
    return this;
  }

  @Override
  public VulnerabilityReport.DatabaseInfo info() {
    return new VulnerabilityReport.DatabaseInfo("memory", 1, "2026-01-01T00:00:00Z", List.of("test"));
  }

  @Override
  public Set<String> ecosystems() {
    Set<String> s = new TreeSet<>();
    advisories.forEach(a -> a.affected().forEach(x -> s.add(x.ecosystem())));
    return s;
  }

  @Override
  public Map<String, List<Match>> lookup(String ecosystem, Collection<String> names) {
    Map<String, List<Match>> out = new HashMap<>();
    for (Advisory a : advisories) {
      for (Affected x : a.affected()) {
        if (x.ecosystem().equals(ecosystem) && names.contains(x.packageName())) {
          out.computeIfAbsent(x.packageName(), n -> new ArrayList<>()).add(new Match(a, x));
        }
      }
    }
    return out;
  }
}
