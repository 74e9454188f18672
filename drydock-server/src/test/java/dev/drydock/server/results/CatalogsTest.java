package dev.drydock.server.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.check.baseline.BaselineItem;
import dev.drydock.check.baseline.BaselineItems;
import dev.drydock.check.secret.SecretRule;
import dev.drydock.check.secret.SecretRules;
import org.junit.jupiter.api.Test;

/** Every check the engine has shows up under a class the result operations can name. */
class CatalogsTest {

  @Test
  void everyBaselineItemHasABaselineNameAndClass() {
    assertThat(BaselineCatalog.names()).hasSize(5);
    for (BaselineItem i : BaselineItems.all()) {
      BaselineCatalog.Name n = BaselineCatalog.nameOf(i.key());
      assertThat(n.key()).as(i.key()).isEqualTo(i.checkClass().key());
      assertThat(n.classKey()).isIn("image_config_risk", "system_hardening");
      assertThat(BaselineCatalog.item(i.key())).contains(i);
    }
    assertThat(BaselineCatalog.nameOf("from_a_newer_engine").key()).isEqualTo("other");
  }

  @Test
  void everySecretRuleHasASensitiveFileClass() {
    for (SecretRule r : SecretRules.all()) {
      assertThat(SensitiveCatalog.of(r.key()).key()).as(r.key()).isNotEqualTo("other");
    }
  }
}
