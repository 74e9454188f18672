package dev.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.Digest;
import dev.drydock.image.ImageReference;
import dev.drydock.image.ImageSource;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.image.RegistryException;
import dev.drydock.index.DiskLayerCache;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.IndexLimits;
import dev.drydock.index.IndexReport;
import dev.drydock.index.Indexer;
import dev.drydock.index.LayerCache;
import dev.drydock.index.Package;
import dev.drydock.index.ScanListener;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.registry.RegistryClient;
import dev.drydock.source.ImageSources;
import dev.drydock.testing.Debootstrap;
import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TokenRealm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans through Drydock's own registry client against Debian's real {@code docker-registry}
 * (distribution 2.8.2) on loopback, with images pushed by skopeo: a real Debian bookworm minbase
 * root filesystem checked package for package against {@code dpkg-query}, the three auth modes,
 * content negotiation (OCI, Docker v2s2, manifests without mediaType, multi-platform indexes),
 * the layer cache and local archives.
 */
class RegistryScanIT {

  private static RegistryProcess registry;
  private static Path work;
  private static OciImageBuilder.BuiltImage debian;
  private static OciImageBuilder.BuiltImage small;

  @TempDir
  Path tmp;

  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";

  static OciImageBuilder smallImage(String pkg) {
    return OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("etc/os-release", OS_RELEASE))
        .layer(OciImageBuilder.layer().file("var/lib/dpkg/status",
            "Package: " + pkg + "\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n"));
  }

  @BeforeAll
  static void start() throws IOException {
    registry = RegistryProcess.anonymous();
    work = Files.createTempDirectory("drydock-registry-scan-it");
    debian = OciImageBuilder.image().layer(OciImageBuilder.layerFromTar(Debootstrap.rootfsTar()))
        .writeTo(work.resolve("debian"), "bookworm");
    Skopeo.push(debian, registry, "library/debian");
    small = smallImage("tiny").writeTo(work.resolve("small"), "1.0");
    Skopeo.push(small, registry, "team/app");
  }

  @AfterAll
  static void stop() throws IOException {
    registry.close();
    try (var s = Files.walk(work)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static IndexReport scan(String ref, CredentialProvider creds, @Nullable Platform platform, LayerCache cache)
      throws IOException {
    ImageSources.Options o = new ImageSources.Options(platform, creds,
        RegistryClient.Options.DEFAULT.withInsecure(true).withRetries(2, Duration.ofMillis(50)));
    try (ImageSource src = ImageSources.open(ref, o)) {
      return new Indexer(Ecosystems.defaults(), cache, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
    }
  }

  private static IndexReport scan(String ref) throws IOException {
    return scan(ref, CredentialProvider.ANONYMOUS, null, LayerCache.NONE);
  }

  @Test
  void debootstrapRootfsMatchesDpkgQueryPackageForPackage() throws IOException {
    IndexReport r = scan(registry.reference("library/debian:bookworm"));
    Set<String> want = Debootstrap.dpkgQueryRows().stream()
        .filter(row -> row.status().equals("installed"))
        .map(row -> String.join("\t", row.packageName(), row.version(), row.sourcePackage(), row.sourceVersion(),
            row.architecture()))
        .collect(Collectors.toSet());
    Set<String> got = r.packages().stream().filter(p -> p.ecosystem() == Ecosystem.DEB)
        .map(p -> String.join("\t", p.name(), p.version(), p.sourceName(), p.sourceVersion(), p.arch()))
        .collect(Collectors.toSet());
    assertThat(got).hasSameSizeAs(want).isEqualTo(want);
    assertThat(r.os()).isNotNull();
    assertThat(r.os().id()).isEqualTo("debian");
    assertThat(r.os().versionId()).isEqualTo("12");
    assertThat(r.os().codename()).isEqualTo("bookworm");
    assertThat(r.packages()).allSatisfy(p -> assertThat(p.layer()).isEqualTo(debian.layerDigests().get(0).toString()));
    assertThat(r.packages()).filteredOn(p -> p.name().equals("libc6")).singleElement()
        .extracting(Package::purl).asString().startsWith("pkg:deb/debian/libc6@").contains("distro=debian-12")
        .contains("upstream=glibc");
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.complete()).isTrue();
    assertThat(r.image().manifestDigest()).isEqualTo(debian.manifestDigest().toString());
  }

  @Test
  void secondScanDownloadsNoLayerBlob() throws IOException {
    LayerCache cache = new DiskLayerCache(tmp.resolve("cache"));
    String ref = registry.reference("team/app:1.0");
    long before = blobGets(small.layerDigests());
    IndexReport first = scan(ref, CredentialProvider.ANONYMOUS, null, cache);
    long afterFirst = blobGets(small.layerDigests());
    assertThat(afterFirst - before).isEqualTo(small.layerDigests().size());
    IndexReport second = scan(ref, CredentialProvider.ANONYMOUS, null, cache);
    assertThat(blobGets(small.layerDigests())).as("layer blob GETs in the registry log").isEqualTo(afterFirst);
    assertThat(second.packages()).isEqualTo(first.packages());
  }

  /** Counts GET requests for the given blobs in the registry's access log. */
  private static long blobGets(List<Digest> blobs) throws IOException {
    String log = Files.readString(registry.logFile());
    return log.lines().filter(l -> l.contains("\"GET /v2/") && blobs.stream().anyMatch(d -> l.contains("/blobs/" + d)))
        .count();
  }

  @Test
  void unknownTagIsOneClearLine() {
    String ref = registry.reference("team/app:nope");
    assertThatThrownBy(() -> scan(ref)).isInstanceOf(RegistryException.ManifestUnknown.class)
        .hasMessage("manifest unknown: " + ref);
    assertThatThrownBy(() -> scan(registry.reference("team/nothing-here:1.0")))
        .hasMessage("manifest unknown: " + registry.reference("team/nothing-here:1.0"));
  }

  @Test
  void dockerSchema2AndManifestsWithoutMediaType() throws IOException {
    Digest v2s2 = Skopeo.push(small.layout(), "1.0", registry, "team/docker:1.0",
        Skopeo.PushOptions.defaults().withFormat(Skopeo.Format.V2S2));
    IndexReport docker = scan(registry.reference("team/docker:1.0"));
    assertThat(docker.image().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(docker.image().manifestDigest()).isEqualTo(v2s2.toString());
    assertThat(docker.packages()).extracting(Package::name).containsExactly("tiny");

    var bare = smallImage("bare").omitManifestMediaType().writeTo(tmp.resolve("bare"), "1");
    Skopeo.push(bare, registry, "team/bare");
    IndexReport r = scan(registry.reference("team/bare:1"));
    assertThat(r.image().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(r.packages()).extracting(Package::name).containsExactly("bare");
  }

  @Test
  void platformIsChosenFromAnIndex() throws IOException {
    var index = OciImageBuilder.index()
        .image(smallImage("on-amd64").platform("linux", "amd64"))
        .image(smallImage("on-arm64").platform(new Platform("linux", "arm64", "v8")))
        .writeTo(tmp.resolve("multi"), "multi");
    Skopeo.push(index, registry, "team/multi");
    String ref = registry.reference("team/multi:multi");
    IndexReport dflt = scan(ref);
    assertThat(dflt.packages()).extracting(Package::name).containsExactly("on-amd64");
    assertThat(dflt.image().indexDigest()).isEqualTo(index.digest().toString());
    IndexReport arm = scan(ref, CredentialProvider.ANONYMOUS, Platform.parse("linux/arm64"), LayerCache.NONE);
    assertThat(arm.packages()).extracting(Package::name).containsExactly("on-arm64");
    assertThat(arm.image().platform()).isEqualTo("linux/arm64/v8");
    assertThatThrownBy(() -> scan(ref, CredentialProvider.ANONYMOUS, Platform.parse("linux/s390x"), LayerCache.NONE))
        .hasMessageContaining("no manifest for platform linux/s390x").hasMessageContaining("linux/arm64/v8");
  }

  @Test
  void archivesOfTheSameImageGiveTheSameInventory() throws IOException {
    IndexReport fromRegistry = scan(registry.reference("team/app:1.0"));
    Path oci = Skopeo.toOciArchive(small.layout(), "1.0", tmp.resolve("app-oci.tar"));
    Path docker = Skopeo.toDockerArchive(small.layout(), "1.0", tmp.resolve("app-docker.tar"), "team/app:1.0");
    for (String arg : List.of("oci-archive:" + oci, oci.toString(), "docker-archive:" + docker,
        "docker-archive:" + docker + ":team/app:1.0", docker.toString(), "oci-dir:" + small.layout() + ":1.0")) {
      IndexReport r = scan(arg);
      assertThat(r.packages()).as(arg).extracting(Package::name, Package::version)
          .isEqualTo(fromRegistry.packages().stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.name(), p.version())).toList());
      assertThat(r.os()).as(arg).isEqualTo(fromRegistry.os());
    }
  }

  @Test
  void basicAuth() throws IOException {
    try (RegistryProcess basic = RegistryProcess.basic("ci", "s3cret")) {
      Skopeo.push(small, basic, "team/app");
      String ref = basic.reference("team/app:1.0");
      IndexReport r = scan(ref, CredentialProvider.fixed(new Credentials("ci", "s3cret")), null, LayerCache.NONE);
      assertThat(r.packages()).extracting(Package::name).containsExactly("tiny");
      assertThatThrownBy(() -> scan(ref)).isInstanceOf(RegistryException.Unauthorized.class)
          .hasMessageStartingWith("unauthorized: ").hasMessageEndingWith(ref);
      assertThatThrownBy(() -> scan(ref, CredentialProvider.fixed(new Credentials("ci", "wrong")), null, LayerCache.NONE))
          .isInstanceOf(RegistryException.Unauthorized.class).hasMessageNotContaining("wrong");
    }
  }

  @Test
  void tokenAuthAsksForTheRightScope() throws IOException {
    try (TokenRealm realm = TokenRealm.builder().user("ci", "t0ken").allowAnonymousPull(false).start();
         RegistryProcess reg = RegistryProcess.token(realm)) {
      Skopeo.push(small, reg, "team/app");
      realm.clearRequests();
      String ref = reg.reference("team/app:1.0");
      IndexReport r = scan(ref, CredentialProvider.fixed(new Credentials("ci", "t0ken")), null, LayerCache.NONE);
      assertThat(r.packages()).extracting(Package::name).containsExactly("tiny");
      assertThat(realm.lastRequest()).isNotNull();
      assertThat(realm.lastRequest().scopes()).containsExactly("repository:team/app:pull");
      assertThat(realm.lastRequest().username()).isEqualTo("ci");
      assertThatThrownBy(() -> scan(ref)).isInstanceOf(RegistryException.Unauthorized.class)
          .hasMessageStartingWith("unauthorized: ");
      assertThatThrownBy(() -> scan(ref, CredentialProvider.fixed(new Credentials("ci", "nope")), null, LayerCache.NONE))
          .isInstanceOf(RegistryException.Unauthorized.class).hasMessageContaining("refused the credentials");
    }
  }

  @Test
  void referenceOfTheScannedImageCarriesItsDigest() throws IOException {
    IndexReport r = scan(registry.reference("team/app:1.0"));
    ImageReference ref = ImageReference.parse(r.image().reference());
    assertThat(ref.tag()).isEqualTo("1.0");
    assertThat(ref.digest()).isEqualTo(small.manifestDigest());
  }
}
