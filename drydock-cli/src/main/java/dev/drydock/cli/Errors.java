package dev.drydock.cli;

/** Turns exceptions into the one line the CLI prints. */
final class Errors {
  private Errors() {}

  static String oneLine(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getSimpleName();
    }
    return m.replace('\n', ' ').strip();
  }
}
