package dev.drydock.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.DigestMismatchException;
import dev.drydock.image.DigestVerifyingInputStream;
import dev.drydock.image.Image;
import dev.drydock.image.ImageException;
import dev.drydock.image.ImageSource;
import dev.drydock.image.layout.OciLayoutSource;
import dev.drydock.scan.Ecosystems;
import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.OciImageBuilder.Compression;
import dev.drydock.testing.OciImageBuilder.TarEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The indexer end to end over OCI layouts built in the test: overlay semantics, layer attribution,
 * tar quirks, hostile entries, corrupt and lying blobs, and the layer cache. No external process.
 */
class IndexerTest {

  @TempDir
  Path tmp;

  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";

  private static String stanza(String name, String version) {
    return "Package: " + name + "\nStatus: install ok installed\nVersion: " + version + "\nArchitecture: amd64\n\n";
  }

  private static String distroless(String name, String version) {
    return "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\n";
  }

  private IndexReport index(OciImageBuilder image) throws IOException {
    return index(image, LayerCache.NONE, IndexLimits.DEFAULT);
  }

  private IndexReport index(OciImageBuilder image, LayerCache cache, IndexLimits limits) throws IOException {
    Path layout = tmp.resolve("layout-" + UUID.randomUUID());
    image.writeTo(layout, "t");
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      return new Indexer(Ecosystems.defaults(), cache, limits, 2).index(src, ScanListener.NONE);
    }
  }

  private static List<String> names(IndexReport r) {
    return r.packages().stream().map(p -> p.name() + "=" + p.version()).toList();
  }

  @Test
  void laterLayerWhiteoutDeletesAPackage() throws Exception {
    IndexReport r = index(OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("etc/os-release", OS_RELEASE)
            .file("var/lib/dpkg/status.d/foo", distroless("foo", "1.0"))
            .file("var/lib/dpkg/status.d/bar", distroless("bar", "2.0")))
        .layer(OciImageBuilder.layer().whiteout("var/lib/dpkg/status.d/foo")));
    assertThat(names(r)).containsExactly("bar=2.0");
    assertThat(r.complete()).isTrue();
  }

  @Test
  void whiteoutOfAParentDirectoryDeletesEverythingBelow() throws Exception {
    IndexReport r = index(OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("var/lib/dpkg/status.d/foo", distroless("foo", "1.0"))
            .file("var/lib/dpkg/status.d/bar", distroless("bar", "2.0")))
        .layer(OciImageBuilder.layer().whiteout("var/lib/dpkg/status.d")));
    assertThat(r.packages()).isEmpty();
  }

  @Test
  void opaqueDirectoryHidesLowerLayersButNotItsOwnLayer() throws Exception {
    IndexReport r = index(OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("var/lib/dpkg/status.d/foo", distroless("foo", "1.0"))
            .file("var/lib/dpkg/status.d/bar", distroless("bar", "2.0")))
        .layer(OciImageBuilder.layer()
            .opaque("var/lib/dpkg/status.d")
            .file("var/lib/dpkg/status.d/baz", distroless("baz", "3.0"))));
    assertThat(names(r)).containsExactly("baz=3.0");
  }

  /** A higher layer's entry of another kind at a lower path: what the overlay shows, per case. */
  static Stream<Arguments> replacedByAnotherKind() {
    return Stream.of(
        Arguments.of("a symlink over the directory hides all under it",
            OciImageBuilder.layer().symlink("var/lib/dpkg/status.d", "/opt/status"), List.of("db=1")),
        Arguments.of("a file over the directory hides all under it",
            OciImageBuilder.layer().file("var/lib/dpkg/status.d", "not a directory"), List.of("db=1")),
        Arguments.of("a symlink over one file replaces only it",
            OciImageBuilder.layer().symlink("var/lib/dpkg/status.d/foo", "bar"), List.of("bar=2.0", "db=1")),
        Arguments.of("a directory over the file replaces it",
            OciImageBuilder.layer().directory("var/lib/dpkg/status"), List.of("bar=2.0", "foo=1.0")),
        Arguments.of("a file under it makes the file a directory, without an entry of its own",
            OciImageBuilder.layer().file("var/lib/dpkg/status/notes", "x"), List.of("bar=2.0", "foo=1.0")),
        Arguments.of("a symlink over a grandparent hides all under it",
            OciImageBuilder.layer().symlink("var/lib", "/srv/lib"), List.of()),
        Arguments.of("directories and files beside it change nothing",
            OciImageBuilder.layer().directory("var/lib/dpkg").directory("var/lib/dpkg/status.d")
                .file("var/lib/dpkg/status.d.bak", "x").symlink("var/lib/dpkg/statusX", "status"),
            List.of("bar=2.0", "db=1", "foo=1.0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replacedByAnotherKind")
  void anEntryOfAnotherKindReplacesTheLowerPath(String name, OciImageBuilder.LayerBuilder upper, List<String> expected)
      throws Exception {
    OciImageBuilder image = OciImageBuilder.image()
        .layer(OciImageBuilder.layer()
            .file("var/lib/dpkg/status.d/foo", distroless("foo", "1.0"))
            .file("var/lib/dpkg/status.d/bar", distroless("bar", "2.0"))
            .file("var/lib/dpkg/status", stanza("db", "1")))
        .layer(upper);
    LayerCache cache = new DiskLayerCache(tmp.resolve("cache-" + UUID.randomUUID()));
    IndexReport fresh = index(image, cache, IndexLimits.DEFAULT);
    assertThat(names(fresh)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(names(index(image, cache, IndexLimits.DEFAULT))).as("from the layer cache")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void rewrittenDatabaseKeepsTheLayerThatIntroducedEachPackage() throws Exception {
    OciImageBuilder image = OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("var/lib/dpkg/status", stanza("a", "1") + stanza("b", "1")))
        .layer(OciImageBuilder.layer().file("var/lib/dpkg/status", stanza("a", "1") + stanza("b", "2") + stanza("c", "1")))
        .layer(OciImageBuilder.layer().file("etc/motd", "hello"));
    Path layout = tmp.resolve("attr");
    var built = image.writeTo(layout, "t");
    IndexReport r;
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      r = new Indexer(Ecosystems.defaults(), LayerCache.NONE, IndexLimits.DEFAULT, 2).index(src, ScanListener.NONE);
    }
    List<Digest> layers = built.layerDigests();
    assertThat(r.packages()).extracting(p -> p.name() + "=" + p.version() + "@" + p.layer()).containsExactly(
        "a=1@" + layers.get(0), "b=2@" + layers.get(1), "c=1@" + layers.get(1));
  }

  @Test
  void purlsCarryTheDistro() throws Exception {
    IndexReport r = index(OciImageBuilder.image().layer(OciImageBuilder.layer()
        .file("etc/os-release", OS_RELEASE)
        .file("var/lib/dpkg/status", "Package: login\nStatus: install ok installed\nSource: shadow\n"
            + "Version: 1:4.13+dfsg1-1\nArchitecture: amd64\n")));
    assertThat(r.os()).isNotNull();
    assertThat(r.packages()).singleElement().extracting(Package::purl)
        .isEqualTo("pkg:deb/debian/login@1%3A4.13%2Bdfsg1-1?arch=amd64&distro=debian-12&upstream=shadow");
  }

  @Test
  void tarQuirksAreNormalInput() throws Exception {
    // A "./" entry, "./"-prefixed names, and files whose parent directories have no entries.
    IndexReport r = index(OciImageBuilder.image().layer(OciImageBuilder.layer().preserveOrder()
        .raw(TarEntry.of("./", TarConstants.LF_DIR, null))
        .raw(TarEntry.file("./etc/os-release", OS_RELEASE.getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.file("var/lib/dpkg/status.d/foo", distroless("foo", "1").getBytes(StandardCharsets.UTF_8), 0644))
        .compression(Compression.ZSTD)));
    assertThat(r.os().id()).isEqualTo("debian");
    assertThat(names(r)).containsExactly("foo=1");
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void uncompressedLayersAreReadToo() throws Exception {
    IndexReport r = index(OciImageBuilder.image().layer(OciImageBuilder.layer()
        .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n").compression(Compression.NONE)));
    assertThat(names(r)).containsExactly("musl=1.2.4-r2");
  }

  @Test
  void hardLinkedDatabaseIsReportedAtBothPaths() throws Exception {
    IndexReport r = index(OciImageBuilder.image().layer(OciImageBuilder.layer().preserveOrder()
        .file("var/lib/dpkg/status.d/foo", distroless("foo", "1"))
        .hardLink("var/lib/dpkg/status.d/foo2", "var/lib/dpkg/status.d/foo")));
    assertThat(r.packages()).extracting(Package::path)
        .containsExactly("var/lib/dpkg/status.d/foo", "var/lib/dpkg/status.d/foo2");
  }

  @Test
  void hostileEntriesNeverEscapeAndAreReported() throws Exception {
    String marker = "drydock-escape-" + UUID.randomUUID();
    Path cacheDir = tmp.resolve("work/cache");
    IndexReport r = index(OciImageBuilder.image().layer(OciImageBuilder.layer().preserveOrder()
        .raw(TarEntry.file("../../../../../../../../tmp/" + marker, "pwned".getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.file("../" + marker, "pwned".getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.of("escape", TarConstants.LF_SYMLINK, "../../../../../../../../tmp"))
        .raw(TarEntry.file("escape/" + marker, "pwned".getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.file("../../etc/os-release", OS_RELEASE.getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.file("/var/lib/dpkg/status.d/abs", distroless("abs", "1").getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.of("etc/shadow-link", TarConstants.LF_SYMLINK, "../../../../../etc/shadow"))
        .raw(TarEntry.of("etc/abs-link", TarConstants.LF_SYMLINK, "/etc/shadow"))
        .raw(TarEntry.of("var/lib/dpkg/status.d/hl", TarConstants.LF_LINK, "../../../../../etc/passwd"))
        .charDevice("dev/null", 1, 3)
        .blockDevice("dev/sda", 8, 0)
        .fifo("run/fifo")), new DiskLayerCache(cacheDir), IndexLimits.DEFAULT);
    assertThat(Files.exists(Path.of("/tmp", marker))).isFalse();
    assertThat(Files.exists(Path.of(marker))).as("relative to the working directory").isFalse();
    // Only the cache directory was written to: the layout under tmp/, the result under cache/.
    try (Stream<Path> s = Files.walk(tmp)) {
      assertThat(s.filter(Files::isRegularFile).filter(p -> !p.startsWith(cacheDir))
          .filter(p -> !p.getFileName().toString().equals("oci-layout") && !p.getFileName().toString().equals("index.json")
              && !p.getParent().getFileName().toString().equals("sha256")))
          .isEmpty();
    }
    try (Stream<Path> s = Files.walk(cacheDir)) {
      assertThat(s.filter(Files::isRegularFile)).isNotEmpty()
          .allSatisfy(p -> assertThat(p.getFileName().toString()).doesNotContain(marker));
    }
    assertThat(r.os().id()).as("../../etc/os-release is analysed where a runtime would put it").isEqualTo("debian");
    assertThat(names(r)).containsExactly("abs=1");
    assertThat(r.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("../../etc/os-release"))
        .anySatisfy(m -> assertThat(m).contains("symlink /etc/shadow-link -> ../../../../../etc/shadow points outside"))
        .anySatisfy(m -> assertThat(m).contains("hard link /var/lib/dpkg/status.d/hl"))
        .noneSatisfy(m -> assertThat(m).contains("abs-link"));
    assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.kind()).isEqualTo(Diagnostic.Kind.WARNING));
    assertThat(r.complete()).isTrue();
  }

  @Test
  void oversizedWantedFileMakesTheReportIncomplete() throws Exception {
    IndexReport r = index(OciImageBuilder.image().layer(OciImageBuilder.layer()
        .zeroFile("var/lib/dpkg/status", BufferedAnalyzer.DEFAULT_MAX_BYTES + 1)));
    assertThat(r.complete()).isFalse();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).isEqualTo("var/lib/dpkg/status");
      assertThat(d.message()).contains("exceeds");
    });
  }

  @Test
  void decompressionBombIsRejected() {
    IndexLimits tight = new IndexLimits(1L << 40, 100, 1 << 20, 1_000_000);
    assertThatThrownBy(() -> index(OciImageBuilder.image().layer(OciImageBuilder.layer()
        .zeroFile("bomb", 64L << 20)), LayerCache.NONE, tight))
        .isInstanceOf(ImageException.class).hasMessageContaining("decompression bomb");
    IndexLimits small = new IndexLimits(8L << 20, 1000, 1L << 40, 1_000_000);
    assertThatThrownBy(() -> index(OciImageBuilder.image().layer(OciImageBuilder.layer()
        .zeroFile("big", 16L << 20).compression(Compression.ZSTD)), LayerCache.NONE, small))
        .isInstanceOf(ImageException.class).hasMessageContaining("expands beyond");
  }

  @Test
  void truncatedGzipWithAMatchingDigestIsACorruptLayer() throws Exception {
    Path layout = tmp.resolve("trunc");
    var built = OciImageBuilder.image().layer(OciImageBuilder.layer()
        .file("var/lib/dpkg/status", stanza("a", "1").repeat(2000))).writeTo(layout, "t");
    // Cut the blob and re-point the manifest at the truncated bytes, so only gzip can notice.
    Descriptor old = built.layers().get(0).descriptor();
    byte[] blob = OciImageBuilder.readBlob(layout, old.digest());
    byte[] cut = java.util.Arrays.copyOf(blob, blob.length / 2);
    Digest cutDigest = Digest.sha256(cut);
    Files.write(OciImageBuilder.blobPath(layout, cutDigest), cut);
    OciImageBuilder.image().layer(OciImageBuilder.layer().file("x", "y"));
    rewriteManifest(layout, built, old.digest().toString(), cutDigest.toString(), old.size(), cut.length);
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      assertThatThrownBy(() -> new Indexer(Ecosystems.defaults(), LayerCache.NONE, IndexLimits.DEFAULT, 1)
          .index(src, ScanListener.NONE))
          .isInstanceOf(ImageException.class).hasMessageStartingWith("corrupt layer " + cutDigest);
    }
  }

  @Test
  void tamperedBlobIsADigestMismatchAndNothingIsCached() throws Exception {
    Path layout = tmp.resolve("tamper");
    var built = OciImageBuilder.image().layer(OciImageBuilder.layer().file("var/lib/dpkg/status", stanza("a", "1")))
        .writeTo(layout, "t");
    Digest layer = built.layerDigests().get(0);
    Path blob = OciImageBuilder.blobPath(layout, layer);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 5] ^= 0x55; // inside the gzip trailer: decompression may still "work"
    Files.write(blob, bytes);
    Path cacheDir = tmp.resolve("cache");
    try (ImageSource src = OciLayoutSource.directory(layout, "t", null)) {
      assertThatThrownBy(() -> new Indexer(Ecosystems.defaults(), new DiskLayerCache(cacheDir), IndexLimits.DEFAULT, 1)
          .index(src, ScanListener.NONE))
          .isInstanceOfAny(DigestMismatchException.class, ImageException.class)
          .hasMessageContaining(layer.toString());
    }
    try (Stream<Path> s = Files.exists(cacheDir) ? Files.walk(cacheDir) : Stream.empty()) {
      assertThat(s.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void secondScanReadsNoLayerBlob() throws Exception {
    Path layout = tmp.resolve("cached");
    OciImageBuilder.image()
        .layer(OciImageBuilder.layer().file("etc/os-release", OS_RELEASE))
        .layer(OciImageBuilder.layer().file("var/lib/dpkg/status", stanza("a", "1")))
        .writeTo(layout, "t");
    LayerCache cache = new DiskLayerCache(tmp.resolve("cache"));
    Indexer indexer = new Indexer(Ecosystems.defaults(), cache, IndexLimits.DEFAULT, 2);
    AtomicInteger layerReads = new AtomicInteger();
    IndexReport first;
    IndexReport second;
    try (CountingSource src = new CountingSource(OciLayoutSource.directory(layout, "t", null), layerReads)) {
      first = indexer.index(src, ScanListener.NONE);
    }
    assertThat(layerReads.get()).isEqualTo(2);
    layerReads.set(0);
    try (CountingSource src = new CountingSource(OciLayoutSource.directory(layout, "t", null), layerReads)) {
      second = indexer.index(src, ScanListener.NONE);
    }
    assertThat(layerReads.get()).isZero();
    assertThat(second.packages()).isEqualTo(first.packages());
    assertThat(second.os()).isEqualTo(first.os());
  }

  /** Counts blob reads of layers (not of the config, which resolve() reads through its own path). */
  private static final class CountingSource implements ImageSource {
    private final ImageSource delegate;
    private final AtomicInteger reads;

    CountingSource(ImageSource delegate, AtomicInteger reads) {
      this.delegate = delegate;
      this.reads = reads;
    }

    @Override
    public Image resolve() throws IOException {
      return delegate.resolve();
    }

    @Override
    public DigestVerifyingInputStream openBlob(Descriptor d) throws IOException {
      reads.incrementAndGet();
      return delegate.openBlob(d);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  private static void rewriteManifest(Path layout, OciImageBuilder.BuiltImage built, String oldDigest, String newDigest,
      long oldSize, long newSize) throws IOException {
    String manifest = new String(built.manifestBytes(), StandardCharsets.UTF_8)
        .replace(oldDigest, newDigest).replace("\"size\":" + oldSize, "\"size\":" + newSize);
    byte[] mb = manifest.getBytes(StandardCharsets.UTF_8);
    Digest md = Digest.sha256(mb);
    Files.write(OciImageBuilder.blobPath(layout, md), mb);
    String index = Files.readString(layout.resolve("index.json"))
        .replace(built.manifestDigest().toString(), md.toString())
        .replace("\"size\":" + built.manifestBytes().length, "\"size\":" + mb.length);
    Files.writeString(layout.resolve("index.json"), index);
  }
}
