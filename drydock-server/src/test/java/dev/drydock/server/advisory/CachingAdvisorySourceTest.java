package dev.drydock.server.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vuln.AdvisorySource;
import dev.drydock.vuln.VulnerabilityReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachingAdvisorySourceTest {

  /** Records every name it is asked for; knows nothing (empty answers are cached too). */
  static final class Recording implements AdvisorySource {
    final List<String> asked = new ArrayList<>();

    @Override
    public VulnerabilityReport.DatabaseInfo info() {
      return new VulnerabilityReport.DatabaseInfo("test", 1, "never", List.of());
    }

    @Override
    public Set<String> ecosystems() {
      return Set.of("npm");
    }

    @Override
    public Map<String, List<Match>> lookup(String ecosystem, Collection<String> packageNames) {
      packageNames.forEach(n -> asked.add(ecosystem + ":" + n));
      return Map.of();
    }
  }

  @Test
  void eachPackageIsLookedUpOncePerPass() {
    Recording db = new Recording();
    CachingAdvisorySource cached = new CachingAdvisorySource(db);
    assertThat(cached.lookup("npm", List.of("a", "b"))).isEmpty();
    assertThat(cached.lookup("npm", List.of("b", "c"))).isEmpty();
    assertThat(cached.lookup("Maven", List.of("a"))).isEmpty();
    assertThat(db.asked).containsExactly("npm:a", "npm:b", "npm:c", "Maven:a");
    assertThat(cached.ecosystems()).containsExactly("npm");
  }
}
