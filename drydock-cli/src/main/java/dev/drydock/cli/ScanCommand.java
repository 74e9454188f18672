package dev.drydock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Platform;
import dev.drydock.index.DiskLayerCache;
import dev.drydock.index.IndexReport;
import dev.drydock.index.LayerCache;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.registry.DockerConfigCredentials;
import dev.drydock.registry.RegistryClient;
import dev.drydock.report.ImageReport;
import dev.drydock.scan.ImageScanner;
import dev.drydock.scan.ScannerKind;
import dev.drydock.source.ImageSources;
import dev.drydock.vuln.db.AdvisoryDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
        "Scan an image and report its packages, vulnerabilities and risks.",
        "IMAGE is a registry reference (127.0.0.1:5000/team/app:1.0, nginx, quay.io/org/app@sha256:…),",
        "oci-dir:PATH[:TAG], oci-archive:PATH[:TAG], docker-archive:PATH[:REPO:TAG], or a path to any of them."})
final class ScanCommand implements Callable<Integer> {

  static final String DEFAULT_SCANNERS = "vuln,baseline,secret,malware";

  @Spec
  CommandSpec spec;

  @ParentCommand
  DrydockCommand parent;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to scan.")
  String image;

  @Mixin
  ScanOutput output;

  @Mixin
  DbCommand.DbOption db = new DbCommand.DbOption();

  @Option(names = "--scanners", paramLabel = "LIST", defaultValue = DEFAULT_SCANNERS,
      description = "What to look for besides the inventory: vuln, baseline, secret, malware (default: ${DEFAULT-VALUE}).")
  String scanners;

  @Option(names = "--rules", paramLabel = "PATH",
      description = "More malware rules: a YARA-format .yar/.yara file, a ClamAV .hsb/.hdb hash list, or a directory of them "
          + "(repeatable; added to the bundled rules).")
  java.util.List<Path> rules = new java.util.ArrayList<>();

  @Option(names = "--save-index", paramLabel = "FILE",
      description = "Also write the image's inventory (IndexReport JSON) to FILE, for `drydock match FILE` later.")
  Path saveIndex;

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
    Set<ScannerKind> kinds;
    Platform wanted = null;
    try {
      kinds = ScannerKind.parse(scanners);
      output.parsedFormat();
      output.filter();
      if (platform != null) {
        wanted = Platform.parse(platform);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    ImageSources.Options options = new ImageSources.Options(wanted, credentials(),
        RegistryClient.Options.DEFAULT.withInsecure(insecure));
    LayerCache cache = noCache ? LayerCache.NONE
        : new DiskLayerCache(cacheDir != null ? cacheDir : DiskLayerCache.defaultDirectory());
    ImageReport report;
    try (AdvisoryDatabase database = Scanners.openDatabase(kinds, db.path())) {
      ImageScanner scanner = Scanners.build(kinds, database, cache, rules);
      try (ImageSource source = ImageSources.open(image, options);
           Progress progress = Progress.create(spec.commandLine().getErr(), quiet)) {
        report = scanner.scan(source, progress);
      }
    }
    if (saveIndex != null) {
      writeIndex(report.index(), saveIndex);
    }
    return output.emit(report, parent.streams);
  }

  static void writeIndex(IndexReport index, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(abs.toFile(), index);
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
}
