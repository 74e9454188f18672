package dev.drydock.cli;

import picocli.CommandLine;

/** The {@code drydock} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new DrydockCommand());
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      cmd.getErr().println("error: " + Errors.oneLine(ex));
      return 1;
    });
    return cl.execute(args);
  }
}
