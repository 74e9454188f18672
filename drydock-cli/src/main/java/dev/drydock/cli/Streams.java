package dev.drydock.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a command uses; tests pass their own. */
record Streams(InputStream in, PrintStream out, PrintStream err) {
  static Streams system() {
    return new Streams(System.in, System.out, System.err);
  }
}
