package dev.drydock.check.secret;

import dev.drydock.index.Analyzer;
import java.util.List;

/**
 * What the {@code secret} scanner contributes to a scan: one analyzer that finds
 * {@link SecretRules} in the text files of every layer. Findings have kind
 * {@link dev.drydock.index.Finding.Kind#SECRET}, the rule's key as {@code ruleId}, the file and
 * line, and masked evidence; the layer merger fills in the layer and drops findings of files a
 * later layer deleted or replaced.
 *
 * <p>Secrets in the image configuration (environment, labels, history) are baseline items of
 * class {@code image_config}; see {@code dev.drydock.check.baseline.Baseline#configChecks()},
 * which reuses {@link SecretScanner#defaults()}.
 */
public final class Secrets {
  private Secrets() {}

  /** The secret analyzer, to add to the indexer's analyzers when the {@code secret} scanner is on. */
  public static Analyzer analyzer() {
    return new SecretAnalyzer();
  }

  /** As a list, for symmetry with {@code Baseline.analyzers()}. */
  public static List<Analyzer> analyzers() {
    return List.of(analyzer());
  }

  /**
   * {@code config} with every secret masked (environment, labels, history commands): what a
   * report may quote. {@code IndexReport.image().config()} and its layers' {@code createdBy} hold
   * the raw configuration until the indexer applies this.
   */
  public static dev.drydock.image.ImageConfig redact(dev.drydock.image.ImageConfig config) {
    return ConfigRedaction.redact(config);
  }

  /** Every rule, in priority order (for documentation and {@code --list-rules} style output). */
  public static List<SecretRule> rules() {
    return SecretRules.all();
  }
}
