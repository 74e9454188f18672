package dev.drydock.cli;

import dev.drydock.image.ImageSource;
import dev.drydock.image.Platform;
import dev.drydock.index.DiskLayerCache;
import dev.drydock.scan.Ecosystems;
import dev.drydock.index.IndexLimits;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Indexer;
import dev.drydock.index.LayerCache;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.registry.DockerConfigCredentials;
import dev.drydock.registry.RegistryClient;
import dev.drydock.report.ImageReport;
import dev.drydock.report.ReportFormat;
import dev.drydock.source.ImageSources;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
        "Scan an image and report what it contains.",
        "IMAGE is a registry reference (127.0.0.1:5000/team/app:1.0, nginx, quay.io/org/app@sha256:…),",
        "oci-dir:PATH[:TAG], oci-archive:PATH[:TAG], docker-archive:PATH[:REPO:TAG], or a path to any of them."})
final class ScanCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.ParentCommand
  DrydockCommand parent;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to scan.")
  String image;

  @Option(names = {"-f", "--format"}, defaultValue = "table", paramLabel = "FORMAT",
      description = "Output format: table, json, cyclonedx (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  Path output;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from a multi-platform image (default: linux/amd64).")
  String platform;

  @Option(names = "--insecure", description = "Talk to the registry over plain HTTP.")
  boolean insecure;

  @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Registry username (with --password-stdin).")
  String username;

  @Option(names = "--password-stdin", description = "Read the registry password from standard input.")
  boolean passwordStdin;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Layer cache directory (default: ~/.cache/drydock).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the layer cache.")
  boolean noCache;

  @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    ReportFormat fmt;
    try {
      fmt = ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Platform wanted = null;
    if (platform != null) {
      try {
        wanted = Platform.parse(platform);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    ImageSources.Options options = new ImageSources.Options(wanted, credentials(),
        RegistryClient.Options.DEFAULT.withInsecure(insecure));
    LayerCache cache = noCache ? LayerCache.NONE
        : new DiskLayerCache(cacheDir != null ? cacheDir : DiskLayerCache.defaultDirectory());
    Indexer indexer = new Indexer(Ecosystems.defaults(), cache, IndexLimits.DEFAULT,
        Math.max(2, Runtime.getRuntime().availableProcessors()));

    IndexReport index;
    try (ImageSource source = ImageSources.open(image, options);
         Progress progress = Progress.create(spec.commandLine().getErr(), quiet)) {
      index = indexer.index(source, progress);
    }
    ImageReport report = ImageReport.inventory(index, Instant.now(), VersionProvider.version());
    write(report, fmt);
    if (!report.complete()) {
      spec.commandLine().getErr().println("warning: the report is incomplete: "
          + index.diagnostics().stream().filter(d -> d.kind() == dev.drydock.index.Diagnostic.Kind.INCOMPLETE).count()
          + " item(s) could not be analysed (listed in the report)");
    }
    return 0;
  }

  private CredentialProvider credentials() throws IOException {
    if (passwordStdin && username == null) {
      throw new ParameterException(spec.commandLine(), "--password-stdin needs --username");
    }
    if (username != null) {
      if (!passwordStdin) {
        throw new ParameterException(spec.commandLine(), "--username needs --password-stdin (passwords are never taken as arguments)");
      }
      String password = new String(parent.streams.in().readAllBytes(), StandardCharsets.UTF_8).strip();
      return CredentialProvider.fixed(new Credentials(username, password));
    }
    return DockerConfigCredentials.load();
  }

  private void write(ImageReport report, ReportFormat fmt) throws IOException {
    if (output == null) {
      OutputStream out = new BufferedOutputStream(parent.streams.out());
      fmt.writer().write(report, out);
      out.flush();
      return;
    }
    Path abs = output.toAbsolutePath();
    if (Files.exists(abs) && !Files.isRegularFile(abs)) {
      // A device or pipe (/dev/stdout, /dev/null, a FIFO): write into it, never replace it.
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(abs))) {
        fmt.writer().write(report, out);
      }
      return;
    }
    // A regular file is replaced atomically, so a reader never sees half a report.
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".drydock-", ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        fmt.writer().write(report, out);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
