package dev.drydock.cli;

import dev.drydock.server.DrydockServer;
import dev.drydock.server.auth.AccessKey;
import dev.drydock.server.auth.AccessKeyBootstrap;
import dev.drydock.server.auth.AccessKeyStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "accesskey", mixinStandardHelpOptions = true,
    description = "Manage the server's AccessKeys (works on the database directly; the server may be running).",
    subcommands = {AccessKeyCommand.Create.class, AccessKeyCommand.ListKeys.class, AccessKeyCommand.Disable.class,
        AccessKeyCommand.Enable.class})
final class AccessKeyCommand implements Runnable {

  @ParentCommand
  DrydockCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  static ConfigurableApplicationContext open(ServerOptions o) {
    return DrydockServer.startOffline(o.settings(null));
  }

  @Command(name = "create", description = "Create an AccessKey; its secret is printed once.")
  static final class Create implements Callable<Integer> {
    @ParentCommand
    AccessKeyCommand parent;

    @Mixin
    ServerOptions server;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = AccessKeyBootstrap.ADMIN_USER,
        description = "The user the key belongs to (created if missing; default: ${DEFAULT-VALUE}).")
    String user;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext ctx = open(server)) {
        AccessKeyStore keys = ctx.getBean(AccessKeyStore.class);
        AccessKeyStore.Credential c = keys.create(keys.ensureUser(user, user.equals(AccessKeyBootstrap.ADMIN_USER)),
            Optional.empty(), Optional.empty());
        var out = parent.parent.streams.out();
        out.println("AccessKeyId:     " + c.key().id());
        out.println("AccessKeySecret: " + c.secret());
        out.println("User:            " + c.userName());
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List AccessKeys (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand
    AccessKeyCommand parent;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext ctx = open(server)) {
        var out = parent.parent.streams.out();
        out.printf("%-28s %-14s %-9s %s%n", "ACCESS KEY ID", "USER ID", "STATUS", "CREATED");
        for (AccessKey k : ctx.getBean(AccessKeyStore.class).list(Optional.empty())) {
          out.printf("%-28s %-14s %-9s %s%n", k.id(), k.userId(), k.status(), k.createdAt());
        }
      }
      return 0;
    }
  }

  @Command(name = "disable", description = "Disable an AccessKey (calls with it get InvalidAccessKeyId.Inactive).")
  static final class Disable implements Callable<Integer> {
    @ParentCommand
    AccessKeyCommand parent;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ACCESS_KEY_ID")
    String id;

    @Override
    public Integer call() {
      return setStatus(parent, server, id, AccessKey.Status.Inactive);
    }
  }

  @Command(name = "enable", description = "Re-enable a disabled AccessKey.")
  static final class Enable implements Callable<Integer> {
    @ParentCommand
    AccessKeyCommand parent;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ACCESS_KEY_ID")
    String id;

    @Override
    public Integer call() {
      return setStatus(parent, server, id, AccessKey.Status.Active);
    }
  }

  static int setStatus(AccessKeyCommand parent, ServerOptions server, String id, AccessKey.Status status) {
    try (ConfigurableApplicationContext ctx = open(server)) {
      if (!ctx.getBean(AccessKeyStore.class).setStatus(id, status)) {
        parent.parent.streams.err().println("error: no AccessKey " + id);
        return 1;
      }
      parent.parent.streams.out().println(id + " " + status);
    }
    return 0;
  }
}
