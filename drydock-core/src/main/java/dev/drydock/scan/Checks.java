package dev.drydock.scan;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The explicit list of risk checks per scanner: file analyzers that run in the same pass over
 * each layer as the package analyzers, and checks of the image configuration.
 */
public final class Checks {
  private Checks() {}

  public static List<Analyzer> analyzers(Set<ScannerKind> kinds) {
    List<Analyzer> out = new ArrayList<>();
    for (ScannerKind k : kinds) {
      switch (k) {
        case VULN -> { }
        case BASELINE, SECRET, MALWARE -> throw new UnsupportedOperationException(
            "the " + k.id() + " scanner is not available in this build");
      }
    }
    return out;
  }

  public static Function<ImageConfig, List<Finding>> configChecks(Set<ScannerKind> kinds) {
    return config -> List.of();
  }
}
