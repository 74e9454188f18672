package dev.drydock.server.api.sas;

import dev.drydock.server.api.Params;
import dev.drydock.server.results.BaselineCatalog;
import dev.drydock.server.results.FindingQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The baseline operations' shared view of stored baseline findings: (image, item) pairs grouped
 * by baseline name ({@link BaselineCatalog}), filtered by {@code RiskLevel} and by
 * {@code Criteria} on the name's or class's alias ({@code CriteriaType}).
 */
final class BaselineViews {
  private BaselineViews() {}

  static final String KIND = "BASELINE";
  static final List<String> LEVELS = List.of("high", "medium", "low");

  /** The (image, item) pairs of one baseline name. */
  record NameGroup(BaselineCatalog.Name name, List<FindingQueries.ImageRule> rules) {
    /** The most severe level among the name's failed items. */
    String level() {
      return rules.stream().map(FindingQueries.ImageRule::level)
          .min((a, b) -> Integer.compare(BaselineCatalog.levelRank(a), BaselineCatalog.levelRank(b))).orElse("low");
    }

    long firstScan() {
      return rules.stream().map(FindingQueries.ImageRule::firstSeen).min(Instant::compareTo).orElse(Instant.EPOCH)
          .toEpochMilli();
    }

    long lastScan() {
      return rules.stream().map(r -> r.image().scannedAt()).filter(java.util.Objects::nonNull)
          .max(Instant::compareTo).orElse(Instant.EPOCH).toEpochMilli();
    }

    /** Items (per image: distinct images) at {@code level}, counting each image or item at its worst level. */
    long count(String level, boolean perImage) {
      if (!perImage) {
        return rules.stream().filter(r -> r.level().equals(level)).count();
      }
      Map<Long, String> worst = new LinkedHashMap<>();
      for (FindingQueries.ImageRule r : rules) {
        worst.merge(r.image().pk(), r.level(),
            (a, b) -> BaselineCatalog.levelRank(a) <= BaselineCatalog.levelRank(b) ? a : b);
      }
      return worst.values().stream().filter(level::equals).count();
    }
  }

  /** Groups by baseline name, in catalog order, after the RiskLevel and Criteria filters. */
  static List<NameGroup> groups(List<FindingQueries.ImageRule> rules, Params p) {
    Set<String> levels = ResultParams.allowed(p, "RiskLevel", LEVELS);
    String criteria = p.string("Criteria").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    boolean byClass = p.oneOf("CriteriaType", List.of("BaselineNameAlias", "BaselineClassAlias"))
        .map("BaselineClassAlias"::equals).orElse(false);
    Map<String, NameGroup> out = new LinkedHashMap<>();
    BaselineCatalog.names().forEach(n -> out.put(n.key(), new NameGroup(n, new ArrayList<>())));
    for (FindingQueries.ImageRule r : rules) {
      if (!levels.isEmpty() && !levels.contains(r.level())) {
        continue;
      }
      BaselineCatalog.Name n = BaselineCatalog.nameOf(r.ruleId());
      out.computeIfAbsent(n.key(), k -> new NameGroup(n, new ArrayList<>())).rules().add(r);
    }
    return out.values().stream().filter(g -> !g.rules().isEmpty())
        .filter(g -> criteria == null || (byClass ? g.name().classAlias() : g.name().alias())
            .toLowerCase(Locale.ROOT).contains(criteria))
        .toList();
  }
}
