package dev.drydock.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code drydock} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Streams.system(), args));
  }

  /** Runs a command line with the given streams and returns its exit code. */
  static int run(Streams streams, String... args) {
    CommandLine cl = new CommandLine(new DrydockCommand(streams));
    cl.setOut(new PrintWriter(streams.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(streams.err(), true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      cmd.getErr().println("error: " + Errors.oneLine(ex));
      cmd.getErr().flush();
      return 1;
    });
    return cl.execute(args);
  }
}
