package dev.drydock.vuln.db;

import dev.drydock.vuln.AdvisorySource;
import dev.drydock.vuln.VulnerabilityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The advisory database as the matcher sees it. The database's status (ecosystems covered,
 * sources) is read once when this view is made, so one match works against one consistent
 * picture; make a new view after an import.
 */
public final class DatabaseAdvisorySource implements AdvisorySource {

  private final AdvisoryDatabase db;
  private final VulnerabilityReport.DatabaseInfo info;
  private final Set<String> ecosystems;

  public DatabaseAdvisorySource(AdvisoryDatabase db) throws IOException {
    this.db = db;
    DatabaseStatus s = db.status();
    List<String> sources = new ArrayList<>();
    s.sources().forEach(src -> sources.add(src.name() + " (" + src.kind() + ", " + src.advisories() + " advisories, imported "
        + src.importedAt() + ")"));
    this.info = new VulnerabilityReport.DatabaseInfo(s.path().toString(), s.schemaVersion(),
        s.builtAt() == null ? "never" : s.builtAt().toString(), sources);
    this.ecosystems = Set.copyOf(s.ecosystems().keySet());
  }

  @Override
  public VulnerabilityReport.DatabaseInfo info() {
    return info;
  }

  @Override
  public Set<String> ecosystems() {
    return ecosystems;
  }

  @Override
  public Map<String, List<Match>> lookup(String ecosystem, Collection<String> packageNames) {
    Map<String, List<Candidate>> found;
    try {
      found = db.affecting(ecosystem, packageNames);
    } catch (IOException e) {
      throw new UncheckedIOException("advisory database lookup for " + ecosystem + ": " + e.getMessage(), e);
    }
    Map<String, List<Match>> out = new HashMap<>();
    found.forEach((name, candidates) -> {
      List<Match> m = new ArrayList<>(candidates.size());
      candidates.forEach(c -> m.add(new Match(c.advisory(), c.affected())));
      out.put(name, m);
    });
    return out;
  }
}
