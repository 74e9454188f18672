package dev.drydock.scan;

import dev.drydock.check.baseline.Baseline;
import dev.drydock.check.secret.ConfigRedaction;
import dev.drydock.check.secret.Secrets;
import dev.drydock.image.ImageConfig;
import dev.drydock.index.Analyzer;
import dev.drydock.index.ConfigInspector;
import dev.drydock.index.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The explicit list of risk checks per scanner: file analyzers that run in the same pass over
 * each layer as the package analyzers, and the image-configuration checks. Whatever scanners run,
 * the configuration is redacted before any report keeps it.
 */
public final class Checks {
  private Checks() {}

  /** The file analyzers of the selected scanners (the package analyzers are {@link Ecosystems}). */
  public static List<Analyzer> analyzers(Set<ScannerKind> kinds) {
    return analyzers(kinds, List.of());
  }

  /**
   * @param extraRules the user's malware rule files or directories ({@code .yar}, {@code .yara},
   *     ClamAV {@code .hsb}/{@code .hdb}), added to the bundled rules
   */
  public static List<Analyzer> analyzers(Set<ScannerKind> kinds, List<java.nio.file.Path> extraRules) {
    List<Analyzer> out = new ArrayList<>();
    if (kinds.contains(ScannerKind.BASELINE)) {
      out.addAll(Baseline.analyzers());
    }
    if (kinds.contains(ScannerKind.SECRET)) {
      out.addAll(Secrets.analyzers());
    }
    if (kinds.contains(ScannerKind.MALWARE)) {
      out.addAll(MalwareChecks.analyzers(extraRules));
    }
    return out;
  }

  /** Checks the configuration for the selected scanners, and always redacts it. */
  public static ConfigInspector inspector(Set<ScannerKind> kinds) {
    Function<ImageConfig, List<Finding>> checks = Baseline.configChecks(kinds.contains(ScannerKind.BASELINE),
        kinds.contains(ScannerKind.SECRET));
    return new ConfigInspector() {
      @Override
      public List<Finding> inspect(ImageConfig raw) {
        return checks.apply(raw);
      }

      @Override
      public ImageConfig redact(ImageConfig raw) {
        return Secrets.redact(raw);
      }

      @Override
      public String redactCommand(String createdBy) {
        return ConfigRedaction.command(createdBy);
      }
    };
  }
}
