package dev.drydock.check.baseline;

import dev.drydock.image.ImageConfig;
import dev.drydock.index.Finding;
import java.util.List;

/**
 * A baseline check of the image configuration: a pure function, no I/O. Its findings have kind
 * {@link Finding.Kind#BASELINE}, an empty path and no layer.
 */
@FunctionalInterface
public interface ImageConfigCheck {
  List<Finding> check(ImageConfig config);
}
