package dev.drydock.check.baseline;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code baseline} scanner contributes to a scan: the file analyzers (accounts, SSH,
 * sudo, file permissions), to run in the layer walk with the other analyzers, and the
 * image-configuration checks, to run once on the image's config. Every item is in
 * {@link BaselineItems}.
 */
public final class Baseline {
  private Baseline() {}

  /** The file analyzers, each producing {@link Finding.Kind#BASELINE} findings. */
  public static List<Analyzer> analyzers() {
    return List.of(
        new ShadowAnalyzer(),
        new PasswdAnalyzer(),
        new SshdConfigAnalyzer(),
        new SudoersAnalyzer(),
        new FilePermissionAnalyzer());
  }

  /** The image-configuration checks, in report order. */
  public static List<ImageConfigCheck> configChecks() {
    return ImageConfigChecks.ALL;
  }

  /**
   * The image-configuration checks for a scan's selected scanners: the secret items
   * ({@code config_env_secret}, {@code config_label_secret}, {@code config_history_secret}) when
   * either {@code baseline} or {@code secret} is on, the other items only with {@code baseline}.
   */
  public static java.util.function.Function<ImageConfig, List<Finding>> configChecks(boolean baseline, boolean secret) {
    List<ImageConfigCheck> checks = new ArrayList<>();
    if (baseline) {
      checks.addAll(ImageConfigChecks.ALL);
    } else if (secret) {
      checks.addAll(ImageConfigChecks.SECRETS);
    }
    return config -> {
      List<Finding> out = new ArrayList<>();
      for (ImageConfigCheck c : checks) {
        out.addAll(c.check(config));
      }
      return out;
    };
  }

  /** Runs every image-configuration check; findings have an empty path. */
  public static List<Finding> checkConfig(ImageConfig config) {
    List<Finding> out = new ArrayList<>();
    for (ImageConfigCheck c : configChecks()) {
      out.addAll(c.check(config));
    }
    return out;
  }

  /** Every baseline item (for documentation and rule listings). */
  public static List<BaselineItem> items() {
    return BaselineItems.all();
  }
}
