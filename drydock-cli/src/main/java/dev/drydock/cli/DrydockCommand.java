package dev.drydock.cli;

import picocli.CommandLine.Command;

@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Container image security: inventory, vulnerabilities and risk checks.",
    subcommands = {ScanCommand.class, MatchCommand.class, DbCommand.class, ServeCommand.class, AccessKeyCommand.class,
        ClusterCommand.class, AuditCommand.class, TrainingCommand.class})
final class DrydockCommand implements Runnable {
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
