package dev.drydock.cli;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into the one line the CLI prints. */
final class Errors {
  private Errors() {}

  static String oneLine(Throwable t) {
    // Wrappers that only carry an exception across an API say nothing themselves.
    while ((t instanceof UncheckedIOException || t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    }
    return m.replace('\n', ' ').strip();
  }
}
