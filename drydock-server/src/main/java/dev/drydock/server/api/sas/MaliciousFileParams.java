package dev.drydock.server.api.sas;

import dev.drydock.server.api.Params;
import dev.drydock.server.results.ImageScope;
import dev.drydock.server.inventory.SqlWhere;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The paging, image scope and filters of the malicious-file operations (reference §1.12), the filters as SQL over
 * {@code image_finding f}: {@code Levels} (serious, suspicious, remind), {@code MaliciousMd5},
 * {@code ImageLayer} (layer digest), {@code FuzzyMaliciousName} (a substring of the rule or title).
 */
record MaliciousFileParams(int page, int size, ImageScope scope, String condition, Map<String, Object> params) {

  static final String KIND = "MALWARE";

  /** Also the paging both operations require: {@code CurrentPage}, {@code PageSize} (a string, at most 100). */
  static MaliciousFileParams of(Params p) {
    p.required("CurrentPage");
    int page = p.currentPage();
    int size = ResultParams.stringPageSize(p, 100);
    ResultParams.lang(p);
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
      v.put("fuzzy", SqlWhere.containsPattern(n.toLowerCase(Locale.ROOT)));
    });
    return new MaliciousFileParams(page, size, ResultParams.scope(p), String.join(" AND ", c), v);
  }
}
