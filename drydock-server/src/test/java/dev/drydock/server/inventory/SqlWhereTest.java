package dev.drydock.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Conditions, parameters, the aliases they use and LIKE escaping. */
class SqlWhereTest {

  @Test
  void conditionsAreAndedWithNumberedParameters() {
    SqlWhere w = new SqlWhere();
    assertThat(w.sql()).isEmpty();
    assertThat(w.hasConditions()).isFalse();
    w.and("r.repo_name = " + w.param("app")).and("i.tag = " + w.param("1.0"));
    assertThat(w.sql()).isEqualTo(" WHERE r.repo_name = :p0 AND i.tag = :p1");
    assertThat(w.params()).containsEntry("p0", "app").containsEntry("p1", "1.0");
  }

  @Test
  void aliasesAreFoundInTheConditions() {
    SqlWhere w = new SqlWhere().and("i.digest IN (SELECT w.digest FROM workload_image w WHERE w.cluster_id = :p0)")
        .and("COALESCE(k.vul, 0) > 0").and("CAST(r.registry_id AS VARCHAR(20)) LIKE :p1");
    assertThat(w.uses("k")).isTrue();
    assertThat(w.uses("r")).isTrue();
    assertThat(w.uses("s")).isFalse(); // "digest", "cluster_id": no "s." of its own
    assertThat(new SqlWhere().and("s.digest IS NULL").uses("s")).isTrue();
  }

  @Test
  void likePatternsTakeTheTextLiterally() {
    assertThat(SqlWhere.containsPattern("a_b%c\\d")).isEqualTo("%a\\_b\\%c\\\\d%");
  }
}
