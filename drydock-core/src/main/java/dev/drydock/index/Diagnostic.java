package dev.drydock.index;

import org.jspecify.annotations.Nullable;

/**
 * Something a report must say about itself: a file that could not be read, an analyzer that
 * failed, a hostile tar entry. Diagnostics of kind {@link Kind#INCOMPLETE} mark the whole report
 * incomplete; {@link Kind#WARNING}s do not.
 */
public record Diagnostic(Kind kind, String message, @Nullable String layer, @Nullable String path, @Nullable String analyzer) {

  public enum Kind {
    /** Worth knowing; the report is still complete. */
    WARNING,
    /** Something was not analysed: the report may miss findings. */
    INCOMPLETE
  }

  public static Diagnostic incomplete(String message, @Nullable String path, @Nullable String analyzer) {
    return new Diagnostic(Kind.INCOMPLETE, message, null, path, analyzer);
  }

  public static Diagnostic warning(String message, @Nullable String path, @Nullable String analyzer) {
    return new Diagnostic(Kind.WARNING, message, null, path, analyzer);
  }

  public Diagnostic inLayer(String layerDigest) {
    return new Diagnostic(kind, message, layerDigest, path, analyzer);
  }
}
