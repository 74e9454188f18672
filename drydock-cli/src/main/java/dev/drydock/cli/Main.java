package dev.drydock.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drydock} command line. */
public final class Main {
  private Main() {}

  /**
   * java.net.http reads responses in 16 KiB buffers by default; layer blobs and feed files are
   * tens or hundreds of megabytes, and 256 KiB buffers cost measurably less CPU per byte (about
   * 10% of a cold scan from a loopback registry, bench/scan-vs-zcat.sh). Read once, when the
   * client classes load, so it is set before any command runs; an explicit -D wins.
   */
  static final String HTTP_BUFFER = "jdk.httpclient.bufsize";

  public static void main(String[] args) {
    if (System.getProperty(HTTP_BUFFER) == null) {
      System.setProperty(HTTP_BUFFER, Integer.toString(256 * 1024));
    }
    System.exit(run(Streams.system(), args));
  }

  /**
   * The subcommands to build: only the one named first on the command line when there is one, else
   * all of them (for help and for the error naming an unknown command). picocli reflects over every
   * option of every subcommand it is given, which costs a short run such as a warm scan about a
   * tenth of a second when all of them are built.
   */
  static List<Class<?>> subcommands(String... args) {
    if (args.length > 0) {
      for (Class<?> sub : DrydockCommand.SUBCOMMANDS) {
        if (sub.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(sub);
        }
      }
    }
    return DrydockCommand.SUBCOMMANDS;
  }

  /** Runs a command line with the given streams and returns its exit code. */
  static int run(Streams streams, String... args) {
    CommandLine cl = new CommandLine(new DrydockCommand(streams));
    for (Class<?> sub : subcommands(args)) {
      cl.addSubcommand(sub);
    }
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
