package dev.drydock.cli;

import dev.drydock.server.DrydockServer;
import dev.drydock.server.auth.AccessKey;
import dev.drydock.server.auth.AccessKeyBootstrap;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.PolicyType;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import dev.drydock.server.auth.ram.SystemPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "accesskey", mixinStandardHelpOptions = true,
    description = {"Manage the server's AccessKeys and their users (works on the database directly).",
        "Users other than administrators may call only what their attached RAM policies allow; manage policies with "
            + "RAM's API (version 2015-05-01) on the server's endpoint, or attach them here with create --policy."},
    subcommands = {AccessKeyCommand.Create.class, AccessKeyCommand.ListKeys.class, AccessKeyCommand.Disable.class,
        AccessKeyCommand.Enable.class, AccessKeyCommand.Delete.class})
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
        description = "The user the key belongs to (default: ${DEFAULT-VALUE}, an administrator). Another name is "
            + "created if missing as an ordinary RAM user, allowed nothing until a policy is attached.")
    String user;

    @Option(names = "--policy", paramLabel = "POLICY",
        description = "Attach this policy to the user (repeatable): a system policy such as "
            + "AliyunYundunSASReadOnlyAccess or AliyunYundunSASFullAccess, or a custom policy created with RAM's "
            + "CreatePolicy.")
    List<String> policies = new ArrayList<>();

    @Override
    public Integer call() {
      var err = parent.parent.streams.err();
      try (ConfigurableApplicationContext ctx = open(server)) {
        AccessKeyStore keys = ctx.getBean(AccessKeyStore.class);
        RamPolicyStore store = ctx.getBean(RamPolicyStore.class);
        List<PolicyType> types = new ArrayList<>();
        for (String p : policies) {
          PolicyType type = SystemPolicies.named(p).isPresent() ? PolicyType.System : PolicyType.Custom;
          if (store.find(type, p).isEmpty()) {
            err.println("error: no policy named " + p + " (system policies: "
                + String.join(", ", SystemPolicies.ALL.stream().map(SystemPolicies.SystemPolicy::name).toList()) + ")");
            return 1;
          }
          types.add(type);
        }
        String userId = keys.ensureUser(user, user.equals(AccessKeyBootstrap.ADMIN_USER));
        for (int i = 0; i < policies.size(); i++) {
          store.attach(userId, types.get(i), policies.get(i));
        }
        AccessKeyStore.Credential c = keys.create(userId, Optional.empty(), Optional.empty());
        var out = parent.parent.streams.out();
        out.println("AccessKeyId:     " + c.key().id());
        out.println("AccessKeySecret: " + c.secret());
        out.println("User:            " + c.userName());
        List<String> attached = store.attachedTo(userId).stream().map(a -> a.policy().name()).toList();
        boolean admin = ctx.getBean(RamUserStore.class).byId(userId).map(RamUser::admin).orElse(false);
        out.println("Policies:        " + (admin ? "(administrator: allowed everything)"
            : attached.isEmpty() ? "(none: this key may call nothing yet)" : String.join(", ", attached)));
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List AccessKeys and their users (never their secrets).")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand
    AccessKeyCommand parent;

    @Mixin
    ServerOptions server;

    @Option(names = "--user", paramLabel = "NAME", description = "Only this user's keys.")
    String user;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext ctx = open(server)) {
        var out = parent.parent.streams.out();
        RamUserStore users = ctx.getBean(RamUserStore.class);
        Optional<String> userId = Optional.empty();
        if (user != null) {
          Optional<RamUser> u = users.byName(user);
          if (u.isEmpty()) {
            parent.parent.streams.err().println("error: no user " + user);
            return 1;
          }
          userId = Optional.of(u.get().id());
        }
        out.printf("%-28s %-20s %-9s %s%n", "ACCESS KEY ID", "USER", "STATUS", "CREATED");
        for (AccessKey k : ctx.getBean(AccessKeyStore.class).list(userId)) {
          String name = users.byId(k.userId()).map(u -> u.userName() + (u.admin() ? " (admin)" : "")).orElse(k.userId());
          out.printf("%-28s %-20s %-9s %s%n", k.id(), name, k.status(), k.createdAt());
        }
      }
      return 0;
    }
  }

  /** A change to one key, named on the command line. */
  abstract static class OnKey implements Callable<Integer> {
    @ParentCommand
    AccessKeyCommand parent;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ACCESS_KEY_ID")
    String id;

    /** Applies the change; false when there is no such key. */
    abstract boolean apply(AccessKeyStore keys);

    abstract String done();

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext ctx = open(server)) {
        if (!apply(ctx.getBean(AccessKeyStore.class))) {
          parent.parent.streams.err().println("error: no AccessKey " + id);
          return 1;
        }
        parent.parent.streams.out().println(id + " " + done());
      }
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete an AccessKey (its calls then get InvalidAccessKeyId.NotFound).")
  static final class Delete extends OnKey {
    @Override
    boolean apply(AccessKeyStore keys) {
      return keys.delete(id);
    }

    @Override
    String done() {
      return "deleted";
    }
  }

  @Command(name = "disable", description = "Disable an AccessKey (calls with it get InvalidAccessKeyId.Inactive).")
  static final class Disable extends OnKey {
    @Override
    boolean apply(AccessKeyStore keys) {
      return keys.setStatus(id, AccessKey.Status.Inactive);
    }

    @Override
    String done() {
      return AccessKey.Status.Inactive.name();
    }
  }

  @Command(name = "enable", description = "Re-enable a disabled AccessKey.")
  static final class Enable extends OnKey {
    @Override
    boolean apply(AccessKeyStore keys) {
      return keys.setStatus(id, AccessKey.Status.Active);
    }

    @Override
    String done() {
      return AccessKey.Status.Active.name();
    }
  }
}
