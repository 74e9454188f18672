package dev.drydock.index;

import dev.drydock.image.ImageConfig;
import java.util.List;

/**
 * What the indexer does with an image's configuration: checks it (baseline and secret items
 * about the user, ports, environment, labels, history …) while it is still whole, then redacts
 * it, so that no report, cache entry or API response ever carries a secret from an {@code ENV},
 * a label or a build command in clear.
 */
public interface ConfigInspector {

  /** Checks nothing and keeps the configuration as it is (tests). */
  ConfigInspector NONE = new ConfigInspector() {
    @Override
    public List<Finding> inspect(ImageConfig raw) {
      return List.of();
    }

    @Override
    public ImageConfig redact(ImageConfig raw) {
      return raw;
    }

    @Override
    public String redactCommand(String createdBy) {
      return createdBy;
    }
  };

  /** Findings about the raw configuration (paths empty). */
  List<Finding> inspect(ImageConfig raw);

  /** The configuration as reports may keep it: secret values masked. */
  ImageConfig redact(ImageConfig raw);

  /** A history command ({@code created_by}) as reports may keep it. */
  String redactCommand(String createdBy);
}
