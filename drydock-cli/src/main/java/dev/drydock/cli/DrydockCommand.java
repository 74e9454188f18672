package dev.drydock.cli;

import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Container image security: inventory, vulnerabilities and risk checks.")
final class DrydockCommand implements Runnable {

  /** The subcommands, in the order help lists them; {@link Main} adds them to the command line. */
  static final List<Class<?>> SUBCOMMANDS = List.of(ScanCommand.class, MatchCommand.class, DbCommand.class,
      ServeCommand.class, AccessKeyCommand.class, ClusterCommand.class, AuditCommand.class, TrainingCommand.class);

  final Streams streams;

  DrydockCommand(Streams streams) {
    this.streams = streams;
  }

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
