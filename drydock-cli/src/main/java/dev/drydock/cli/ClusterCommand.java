package dev.drydock.cli;

import dev.drydock.server.inventory.cluster.ClusterAccess;
import dev.drydock.server.inventory.cluster.ClusterRegistry;
import dev.drydock.server.inventory.cluster.ClusterRegistry.Credentials;
import dev.drydock.server.inventory.cluster.ClusterRow;
import dev.drydock.server.inventory.cluster.ClusterStore;
import dev.drydock.server.inventory.cluster.Kubeconfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Manage the Kubernetes clusters the server watches (works on the database directly; a running "
        + "server picks changes up within its poll interval).",
    subcommands = {ClusterCommand.Add.class, ClusterCommand.ListClusters.class, ClusterCommand.Remove.class})
final class ClusterCommand implements Runnable {

  @ParentCommand
  DrydockCommand parent;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** Exactly one way in. */
  static final class Source {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
        description = "A kubeconfig; files it names (certificate-authority, client-key, tokenFile …) are read now "
            + "and stored inline.")
    Path kubeconfig;

    @Option(names = "--server", paramLabel = "URL", description = "The API server URL (with --token-file or "
        + "--token-stdin, and --ca-file).")
    String server;

    @Option(names = "--in-cluster", description = "Use the service account of the pod the server runs in.")
    boolean inCluster;
  }

  @Command(name = "add", description = "Register a cluster; prints its ClusterId. Credentials are stored encrypted.")
  static final class Add implements Callable<Integer> {
    @ParentCommand
    ClusterCommand parent;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "NAME", description = "ClusterName (unique).")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: current).")
    String context;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the bearer token.")
    Path tokenFile;

    @Option(names = "--token-stdin", description = "Read the bearer token from standard input.")
    boolean tokenStdin;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "The API server's CA certificate (PEM).")
    Path caFile;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify the API server's certificate.")
    boolean insecure;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "Kubernetes",
        description = "ClusterType: Kubernetes, ManagedKubernetes or Ask (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--region", paramLabel = "REGION", description = "RegionId (default: the first configured).")
    String region;

    @Override
    public Integer call() throws IOException {
      Streams io = parent.parent.streams;
      Credentials credentials;
      try {
        credentials = credentials(io);
      } catch (IllegalArgumentException e) {
        io.err().println("error: " + Errors.oneLine(e));
        return 2;
      }
      try (ConfigurableApplicationContext ctx = AccessKeyCommand.open(server)) {
        ClusterRow row = ctx.getBean(ClusterRegistry.class).register(new ClusterRegistry.Registration(name, type, region,
            credentials, null));
        io.out().println("ClusterId:   " + row.clusterId());
        io.out().println("ClusterName: " + row.clusterName());
        io.out().println("ClusterType: " + row.clusterType());
        io.out().println("AuthType:    " + row.authType());
        if (row.apiServer() != null) {
          io.out().println("ApiServer:   " + row.apiServer());
        }
        return 0;
      } catch (ClusterRegistry.InvalidRegistration e) {
        io.err().println("error: " + Errors.oneLine(e));
        return 2;
      }
    }

    private Credentials credentials(Streams io) throws IOException {
      if (source.inCluster) {
        return new Credentials.InCluster();
      }
      if (source.kubeconfig != null) {
        Path file = source.kubeconfig.toAbsolutePath();
        return new Credentials.Kubeconfig(Kubeconfigs.parse(Files.readString(file), context, file.getParent()));
      }
      String token;
      if (tokenFile != null) {
        token = Files.readString(tokenFile).trim();
      } else if (tokenStdin) {
        token = new String(io.in().readAllBytes(), StandardCharsets.UTF_8).trim();
      } else {
        throw new IllegalArgumentException("--server needs --token-file or --token-stdin (tokens are never taken as "
            + "arguments)");
      }
      String ca = caFile == null ? null : ClusterAccess.pemData(Files.readString(caFile));
      return new Credentials.Token(new ClusterAccess(source.server, ca, token, null, null, insecure));
    }
  }

  @Command(name = "list", description = "List registered clusters and their state (never their credentials).")
  static final class ListClusters implements Callable<Integer> {
    @ParentCommand
    ClusterCommand parent;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext ctx = AccessKeyCommand.open(server)) {
        var out = parent.parent.streams.out();
        ClusterStore store = ctx.getBean(ClusterStore.class);
        out.printf("%-34s %-20s %-18s %-8s %10s  %s%n", "CLUSTER ID", "NAME", "TYPE", "STATE", "CONTAINERS", "ERROR");
        for (ClusterRow c : store.list()) {
          out.printf("%-34s %-20s %-18s %-8s %10d  %s%n", c.clusterId(), c.clusterName(), c.clusterType(),
              c.clusterState(), store.containers(c.clusterId()), Optional.ofNullable(c.stateError()).orElse(""));
        }
      }
      return 0;
    }
  }

  @Command(name = "remove", description = "Remove a cluster (by ClusterId or name) with its containers.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand
    ClusterCommand parent;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "CLUSTER", description = "ClusterId or ClusterName.")
    String cluster;

    @Override
    public Integer call() {
      try (ConfigurableApplicationContext ctx = AccessKeyCommand.open(server)) {
        ClusterStore store = ctx.getBean(ClusterStore.class);
        Optional<ClusterRow> row = store.find(cluster).or(() -> store.findByName(cluster));
        if (row.isEmpty() || !ctx.getBean(ClusterRegistry.class).remove(row.get().clusterId())) {
          parent.parent.streams.err().println("error: no cluster " + cluster);
          return 1;
        }
        parent.parent.streams.out().println("removed " + row.get().clusterId() + " (" + row.get().clusterName() + ")");
      }
      return 0;
    }
  }
}
