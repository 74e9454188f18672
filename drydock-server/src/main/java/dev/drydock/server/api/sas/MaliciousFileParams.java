package dev.drydock.server.api.sas;

import dev.drydock.server.api.Params;
import dev.drydock.server.results.ImageScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters of the malicious-file operations (reference §1.12) as SQL over
 * {@code image_finding f}: {@code Levels} (serious, suspicious, remind), {@code MaliciousMd5},
 * {@code ImageLayer} (layer digest), {@code FuzzyMaliciousName} (a substring of the rule or title).
 */
record MaliciousFileParams(String condition, Map<String, Object> params) {

  static final String KIND = "MALWARE";

  static MaliciousFileParams of(Params p) {
    List<String> c = new ArrayList<>();
    Map<String, Object> v = new java.util.HashMap<>();
    Set<String> levels = ResultParams.allowed(p, "Levels", List.of("serious", "suspicious", "remind"));
    if (!levels.isEmpty()) {
      c.add("f.level IN (:levels)");
      v.put("levels", List.copyOf(levels));
    }
    p.string("MaliciousMd5").ifPresent(m -> {
      c.add("f.md5 = :md5");
      v.put("md5", m.trim().toLowerCase(Locale.ROOT));
    });
    p.string("ImageLayer").ifPresent(l -> {
      c.add("f.layer_digest = :layer");
      v.put("layer", l.trim());
    });
    p.string("FuzzyMaliciousName").ifPresent(n -> {
      c.add("(LOWER(f.rule_id) LIKE :fuzzy ESCAPE '\\' OR LOWER(f.title) LIKE :fuzzy ESCAPE '\\')");
      v.put("fuzzy", "%" + ImageScope.like(n.toLowerCase(Locale.ROOT)) + "%");
    });
    return new MaliciousFileParams(String.join(" AND ", c), v);
  }
}
