package dev.drydock.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageConfig;
import dev.drydock.image.ManifestDocument;
import dev.drydock.image.ManifestParser;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import dev.drydock.testing.OciImageBuilder.BuiltImage;
import dev.drydock.testing.OciImageBuilder.BuiltIndex;
import dev.drydock.testing.OciImageBuilder.Compression;
import dev.drydock.testing.OciImageBuilder.TarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciImageBuilderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static OciImageBuilder sample() {
    return OciImageBuilder.image()
        .platform(new Platform("linux", "arm64", "v8"))
        .user("app")
        .env("PATH", "/usr/bin")
        .entrypoint("/bin/app")
        .cmd("serve")
        .workingDir("/srv")
        .exposedPort("8080/tcp")
        .label("a", "b")
        .healthcheck("CMD-SHELL", "true")
        .layer(OciImageBuilder.layer().directory("etc").file("etc/hostname", "box\n").createdBy("ADD etc"))
        .emptyLayerHistory("ENV PATH=/usr/bin")
        .layer(OciImageBuilder.layer().whiteout("etc/hostname").compression(Compression.ZSTD).createdBy("RUN rm"))
        .layer(OciImageBuilder.layer().file("data", new byte[1000], 0600, 1000, 1000)
            .compression(Compression.NONE).comment("data"));
  }

  @Test
  void sameCallsGiveSameBytes() throws IOException {
    BuiltImage a = sample().writeTo(tmp.resolve("a"), "t");
    BuiltImage b = sample().writeTo(tmp.resolve("b"), "t");
    assertThat(b.manifestDigest()).isEqualTo(a.manifestDigest());
    assertThat(b.layerDigests()).isEqualTo(a.layerDigests());
    assertThat(b.manifestBytes()).isEqualTo(a.manifestBytes());
    assertThat(Files.readAllBytes(tmp.resolve("b/index.json"))).isEqualTo(Files.readAllBytes(tmp.resolve("a/index.json")));
    for (Digest d : a.layerDigests()) {
      assertThat(Files.readAllBytes(OciImageBuilder.blobPath(tmp.resolve("b"), d)))
          .isEqualTo(Files.readAllBytes(OciImageBuilder.blobPath(tmp.resolve("a"), d)));
    }
  }

  @Test
  void layoutManifestAndConfigAreWhatDrydockParses() throws IOException {
    Path layout = tmp.resolve("l");
    BuiltImage img = sample().writeTo(layout, "1.0");

    assertThat(Files.readString(layout.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    assertThat(index.path("manifests")).hasSize(1);
    JsonNode entry = index.path("manifests").get(0);
    assertThat(entry.path("digest").asText()).isEqualTo(img.manifestDigest().toString());
    assertThat(entry.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(entry.path("annotations").path(OciImageBuilder.REF_NAME).asText()).isEqualTo("1.0");
    assertThat(entry.path("platform").path("variant").asText()).isEqualTo("v8");

    byte[] manifestBytes = OciImageBuilder.readBlob(layout, img.manifestDigest());
    assertThat(Digest.sha256(manifestBytes)).isEqualTo(img.manifestDigest());
    ManifestDocument.Manifest m = (ManifestDocument.Manifest) ManifestParser.parse(manifestBytes, null, "test");
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.config().digest()).isEqualTo(img.config().digest());
    assertThat(m.layers()).extracting(l -> l.mediaType())
        .containsExactly(MediaTypes.OCI_LAYER_GZIP, MediaTypes.OCI_LAYER_ZSTD, MediaTypes.OCI_LAYER);

    ImageConfig c = ImageConfig.parse(OciImageBuilder.readBlob(layout, img.config().digest()), "test");
    assertThat(c.os()).isEqualTo("linux");
    assertThat(c.architecture()).isEqualTo("arm64");
    assertThat(c.variant()).isEqualTo("v8");
    assertThat(c.created()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(c.user()).isEqualTo("app");
    assertThat(c.env()).containsExactly("PATH=/usr/bin");
    assertThat(c.entrypoint()).containsExactly("/bin/app");
    assertThat(c.cmd()).containsExactly("serve");
    assertThat(c.workingDir()).isEqualTo("/srv");
    assertThat(c.exposedPorts()).containsExactly("8080/tcp");
    assertThat(c.labels()).containsEntry("a", "b");
    assertThat(c.healthcheck()).containsExactly("CMD-SHELL", "true");
    assertThat(c.diffIds()).isEqualTo(img.diffIds().stream().map(Digest::toString).toList());
    assertThat(c.history()).extracting(ImageConfig.History::emptyLayer).containsExactly(false, true, false, false);
    assertThat(c.layerCommands(3)).containsExactly("ADD etc", "RUN rm", null);
  }

  @Test
  void everyCompressionDecompressesToItsDiffId() throws IOException {
    Path layout = tmp.resolve("l");
    BuiltImage img = sample().writeTo(layout, "t");
    for (OciImageBuilder.BuiltLayer layer : img.layers()) {
      byte[] blob = OciImageBuilder.readBlob(layout, layer.digest());
      assertThat(blob).hasSize((int) layer.descriptor().size());
      byte[] tar = switch (layer.descriptor().mediaType()) {
        case MediaTypes.OCI_LAYER_GZIP -> new GZIPInputStream(new java.io.ByteArrayInputStream(blob)).readAllBytes();
        case MediaTypes.OCI_LAYER_ZSTD -> new ZstdInputStream(new java.io.ByteArrayInputStream(blob)).readAllBytes();
        default -> blob;
      };
      assertThat(Digest.sha256(tar)).isEqualTo(layer.diffId());
      assertThat(tar).hasSize((int) layer.uncompressedSize());
    }
  }

  @Test
  void entriesAreWrittenAsDescribedAndSorted() throws IOException {
    String longName = "deep/" + "x".repeat(150) + "/file";
    OciImageBuilder.LayerBuilder layer = OciImageBuilder.layer()
        .file("usr/bin/tool", "bin".getBytes(StandardCharsets.UTF_8), 04755, 0, 0)
        .directory("usr", 0755, 0, 0)
        .symlink("bin", "usr/bin")
        .hardLink("usr/bin/tool2", "usr/bin/tool")
        .whiteout("etc/passwd")
        .opaque("var/cache")
        .charDevice("dev/null", 1, 3)
        .blockDevice("dev/sda", 8, 0)
        .fifo("run/pipe")
        .file(longName, "long")
        .raw(TarEntry.file("../../escape", "x".getBytes(StandardCharsets.UTF_8), 0644))
        .raw(TarEntry.file("/abs/path", new byte[0], 0644).withOwner(70000000L, 5)
            .withPaxHeader("SCHILY.xattr.security.capability", "cap"));
    List<TarArchiveEntry> entries = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    read(layer, entries, contents);

    assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
        "../../escape", "/abs/path", "bin", longName, "dev/null", "dev/sda", "etc/.wh.passwd", "run/pipe",
        "usr/", "usr/bin/tool", "usr/bin/tool2", "var/cache/.wh..wh..opq");
    TarArchiveEntry escape = entries.get(0);
    assertThat(new String(contents.get(0), StandardCharsets.UTF_8)).isEqualTo("x");
    TarArchiveEntry abs = entries.get(1);
    assertThat(abs.getLongUserId()).isEqualTo(70000000L);
    assertThat(abs.getExtraPaxHeader("SCHILY.xattr.security.capability")).isEqualTo("cap");
    TarArchiveEntry bin = entries.get(2);
    assertThat(bin.isSymbolicLink()).isTrue();
    assertThat(bin.getLinkName()).isEqualTo("usr/bin");
    assertThat(entries.get(4).isCharacterDevice()).isTrue();
    assertThat(entries.get(4).getDevMajor()).isEqualTo(1);
    assertThat(entries.get(4).getDevMinor()).isEqualTo(3);
    assertThat(entries.get(5).isBlockDevice()).isTrue();
    assertThat(entries.get(7).isFIFO()).isTrue();
    assertThat(entries.get(8).isDirectory()).isTrue();
    TarArchiveEntry tool = entries.get(9);
    assertThat(tool.getMode() & 07777).isEqualTo(04755);
    assertThat(tool.isFile()).isTrue();
    assertThat(entries.get(10).isLink()).isTrue();
    assertThat(entries.get(10).getLinkName()).isEqualTo("usr/bin/tool");
    for (TarArchiveEntry e : entries) {
      assertThat(e.getModTime().toInstant()).isEqualTo(OciImageBuilder.DEFAULT_TIME);
      assertThat(e.getUserName()).isEmpty();
      assertThat(e.getGroupName()).isEmpty();
    }
    assertThat(escape.getLongUserId()).isZero();
  }

  @Test
  void preserveOrderKeepsInsertionOrder() throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    read(OciImageBuilder.layer().preserveOrder().file("z", "1").symlink("a", "/etc").file("a/x", "through the link"),
        entries, new ArrayList<>());
    assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("z", "a", "a/x");
  }

  @Test
  void layerFromTarIsCopiedUnchanged() throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    OciImageBuilder.layer().file("hello", "world").writeTar(tar);
    Path file = Files.write(tmp.resolve("rootfs.tar"), tar.toByteArray());
    Path layout = tmp.resolve("l");
    BuiltImage img = OciImageBuilder.image()
        .layer(OciImageBuilder.layerFromTar(file).compression(Compression.NONE))
        .layer(OciImageBuilder.layerFromTar(file))
        .writeTo(layout, "t");
    assertThat(img.layers().get(0).digest()).isEqualTo(Digest.sha256(tar.toByteArray()));
    assertThat(img.layers().get(1).diffId()).isEqualTo(Digest.sha256(tar.toByteArray()));
    assertThat(OciImageBuilder.readBlob(layout, img.layers().get(0).digest())).isEqualTo(tar.toByteArray());
    assertThatThrownBy(() -> OciImageBuilder.layerFromTar(file).file("x", "y"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OciImageBuilder.image().layer(OciImageBuilder.layerFromTar(tmp.resolve("missing.tar")))
            .writeTo(tmp.resolve("m"), "t"))
        .isInstanceOf(IOException.class).hasMessageContaining("missing.tar");
  }

  @Test
  void tagsAccumulateAndReplace() throws IOException {
    Path layout = tmp.resolve("l");
    BuiltImage one = OciImageBuilder.image().layer(OciImageBuilder.layer().file("a", "1")).writeTo(layout, "one");
    OciImageBuilder.image().layer(OciImageBuilder.layer().file("a", "2")).writeTo(layout, "two");
    BuiltImage two = OciImageBuilder.image().layer(OciImageBuilder.layer().file("a", "3")).writeTo(layout, "two");
    JsonNode manifests = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests");
    assertThat(manifests).hasSize(2);
    assertThat(manifests.get(0).path("digest").asText()).isEqualTo(one.manifestDigest().toString());
    assertThat(manifests.get(1).path("digest").asText()).isEqualTo(two.manifestDigest().toString());
  }

  @Test
  void omittedMediaTypesAndCustomizers() throws IOException {
    BuiltImage img = OciImageBuilder.image()
        .omitManifestMediaType()
        .manifestAnnotation("k", "v")
        .customizeConfig(c -> c.put("os", "plan9"))
        .customizeManifest(m -> m.put("extra", true))
        .writeTo(tmp.resolve("l"), "t");
    JsonNode m = JSON.readTree(img.manifestBytes());
    assertThat(m.has("mediaType")).isFalse();
    assertThat(m.path("annotations").path("k").asText()).isEqualTo("v");
    assertThat(m.path("extra").asBoolean()).isTrue();
    assertThat(JSON.readTree(img.configBytes()).path("os").asText()).isEqualTo("plan9");
    assertThat(img.manifest().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
  }

  @Test
  void multiPlatformIndex() throws IOException {
    Path layout = tmp.resolve("l");
    BuiltIndex idx = OciImageBuilder.index()
        .image(OciImageBuilder.image().platform("linux", "amd64").layer(OciImageBuilder.layer().file("a", "amd64")))
        .image(OciImageBuilder.image().platform(new Platform("linux", "arm", "v7")).layer(OciImageBuilder.layer().file("a", "arm")))
        .writeTo(layout, "multi");
    ManifestDocument.Index parsed = (ManifestDocument.Index) ManifestParser.parse(idx.bytes(), null, "test");
    assertThat(parsed.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(parsed.manifests()).extracting(d -> d.platform().toString()).containsExactly("linux/amd64", "linux/arm/v7");
    assertThat(parsed.manifests()).extracting(d -> d.digest()).isEqualTo(
        idx.images().stream().map(BuiltImage::manifestDigest).toList());
    JsonNode entry = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0);
    assertThat(entry.path("mediaType").asText()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(entry.path("digest").asText()).isEqualTo(idx.digest().toString());

    byte[] bare = OciImageBuilder.index().omitMediaType().toBytes(List.of(idx.images().get(0).platformDescriptor()));
    assertThat(JSON.readTree(bare).has("mediaType")).isFalse();
    assertThat(JSON.readTree(bare).path("manifests").get(0).path("platform").path("architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void zeroFileStreamsItsSize() throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    read(OciImageBuilder.layer().zeroFile("big", 200_000), entries, contents);
    assertThat(entries.get(0).getSize()).isEqualTo(200_000);
    assertThat(contents.get(0)).hasSize(200_000).containsOnly((byte) 0);
  }

  private static void read(OciImageBuilder.LayerBuilder layer, List<TarArchiveEntry> entries, List<byte[]> contents)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    layer.writeTar(out);
    assertThat(out.size() % 512).isZero();
    try (InputStream in = new java.io.ByteArrayInputStream(out.toByteArray());
        TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
        entries.add(e);
        contents.add(t.readAllBytes());
      }
    }
    assertThat(entries).allSatisfy(e -> assertThat(e.getLinkFlag()).isNotEqualTo(TarConstants.LF_PAX_EXTENDED_HEADER_LC));
  }
}
