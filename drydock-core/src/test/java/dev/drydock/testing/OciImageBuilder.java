package dev.drydock.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Builds OCI image layouts in test code, deterministically: the same builder calls give the same
 * bytes, hence the same digests, on every run and machine.
 *
 * <p>Determinism: tar entries carry a fixed mtime ({@link #DEFAULT_TIME} unless set), empty user and
 * group names, and are sorted by name unless {@link LayerBuilder#preserveOrder()}; the config's and
 * history's {@code created} are fixed; JSON is written with fields in a fixed order; gzip headers
 * carry no time or name, and zstd runs single-threaded at a fixed level.
 *
 * <pre>{@code
 * BuiltImage img = OciImageBuilder.image()
 *     .platform("linux", "amd64")
 *     .user("app").env("PATH", "/usr/bin").cmd("/app")
 *     .layer(OciImageBuilder.layer().directory("etc").file("etc/os-release", "ID=test\n")
 *         .createdBy("COPY os-release /etc/"))
 *     .writeTo(layoutDir, "1.0");
 * }</pre>
 *
 * <p>{@link #writeTo} creates the layout ({@code oci-layout}, {@code index.json}, {@code
 * blobs/sha256/}) if absent and adds or replaces the {@code index.json} entry whose {@code
 * org.opencontainers.image.ref.name} is the tag, so one layout can hold many tags. Layer content is
 * streamed through the digests and compressor to the blob file; nothing is held in memory whole
 * except the JSON documents, and a layer from an existing tar ({@link #layerFromTar}) is copied
 * through unchanged.
 *
 * <p>Builders are mutable and not thread-safe; {@code writeTo} may be called more than once.
 */
public final class OciImageBuilder {

  /** The mtime of tar entries and the {@code created} time of configs unless set otherwise. */
  public static final Instant DEFAULT_TIME = Instant.parse("2024-01-01T00:00:00Z");

  /** Annotation the OCI layout uses for the tag of an {@code index.json} entry. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Layer compression; decides the layer's default media type. */
  public enum Compression {
    NONE(MediaTypes.OCI_LAYER),
    GZIP(MediaTypes.OCI_LAYER_GZIP),
    ZSTD(MediaTypes.OCI_LAYER_ZSTD);

    private final String mediaType;

    Compression(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  /**
   * A tar entry exactly as it will be written. For hostile-input tests the name is not normalised
   * (it may be absolute, contain {@code ..}, or be anything else tar can carry; names over 100
   * bytes use a PAX {@code path} header).
   *
   * @param type a tar type flag, e.g. {@link TarConstants#LF_NORMAL}, {@link TarConstants#LF_SYMLINK}
   * @param linkName target of a symlink or hard link, else null
   * @param content the entry's data (written with its length as size; empty for non-files)
   * @param mode permission bits (and setuid/setgid/sticky); the type bits are added from {@code type}
   * @param paxHeaders extra PAX records, e.g. {@code SCHILY.xattr.security.capability}
   */
  public record TarEntry(
      String name, byte type, @Nullable String linkName, byte[] content, int mode, long uid, long gid,
      int devMajor, int devMinor, Map<String, String> paxHeaders) {
    public TarEntry {
      paxHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paxHeaders));
    }

    /** A regular file owned by root. */
    public static TarEntry file(String name, byte[] content, int mode) {
      return new TarEntry(name, TarConstants.LF_NORMAL, null, content, mode, 0, 0, 0, 0, Map.of());
    }

    /** Any type of entry with the given link name, owned by root, mode 0644, no content. */
    public static TarEntry of(String name, byte type, @Nullable String linkName) {
      return new TarEntry(name, type, linkName, new byte[0], 0644, 0, 0, 0, 0, Map.of());
    }

    public TarEntry withOwner(long uid, long gid) {
      return new TarEntry(name, type, linkName, content, mode, uid, gid, devMajor, devMinor, paxHeaders);
    }

    public TarEntry withPaxHeader(String key, String value) {
      Map<String, String> pax = new LinkedHashMap<>(paxHeaders);
      pax.put(key, value);
      return new TarEntry(name, type, linkName, content, mode, uid, gid, devMajor, devMinor, pax);
    }
  }

  /** A layer as written: its blob descriptor and its uncompressed digest and size. */
  public record BuiltLayer(Descriptor descriptor, Digest diffId, long uncompressedSize) {
    public Digest digest() {
      return descriptor.digest();
    }
  }

  /**
   * An image as written to a layout.
   *
   * @param tag the layout's ref name, or null for an image written only as part of an index
   * @param manifest descriptor of the manifest blob (media type {@code application/vnd.oci.image.manifest.v1+json}
   *     even when the document omits its {@code mediaType} field)
   * @param manifestBytes the manifest exactly as stored (do not modify)
   * @param configBytes the config exactly as stored (do not modify)
   */
  public record BuiltImage(
      Path layout, @Nullable String tag, Descriptor manifest, byte[] manifestBytes, Descriptor config,
      byte[] configBytes, List<BuiltLayer> layers, Platform platform) {
    public BuiltImage {
      layers = List.copyOf(layers);
    }

    public Digest manifestDigest() {
      return manifest.digest();
    }

    public List<Digest> layerDigests() {
      return layers.stream().map(BuiltLayer::digest).toList();
    }

    public List<Digest> diffIds() {
      return layers.stream().map(BuiltLayer::diffId).toList();
    }

    /** The manifest's descriptor with this image's platform, as an index lists it. */
    public Descriptor platformDescriptor() {
      return new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(), platform, Map.of(), List.of());
    }
  }

  /**
   * An image index as written to a layout.
   *
   * @param bytes the index exactly as stored (do not modify)
   */
  public record BuiltIndex(Path layout, @Nullable String tag, Descriptor index, byte[] bytes, List<BuiltImage> images) {
    public BuiltIndex {
      images = List.copyOf(images);
    }

    public Digest digest() {
      return index.digest();
    }
  }

  // ---------------------------------------------------------------- image

  private Platform platform = Platform.LINUX_AMD64;
  private Instant created = DEFAULT_TIME;
  private @Nullable String author;
  private @Nullable String user;
  private final List<String> env = new ArrayList<>();
  private final List<String> entrypoint = new ArrayList<>();
  private @Nullable List<String> cmd;
  private @Nullable String workingDir;
  private final List<String> exposedPorts = new ArrayList<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private @Nullable List<String> healthcheck;
  private final List<Object> steps = new ArrayList<>(); // LayerBuilder or EmptyHistory, in history order
  private boolean omitManifestMediaType;
  private final Map<String, String> manifestAnnotations = new LinkedHashMap<>();
  private @Nullable Consumer<ObjectNode> configCustomizer;
  private @Nullable Consumer<ObjectNode> manifestCustomizer;

  private record EmptyHistory(String createdBy) {}

  private OciImageBuilder() {}

  /** A new image: linux/amd64, created {@link #DEFAULT_TIME}, no layers. */
  public static OciImageBuilder image() {
    return new OciImageBuilder();
  }

  /** A new layer of files written by the builder. */
  public static LayerBuilder layer() {
    return new LayerBuilder(null);
  }

  /**
   * A layer whose uncompressed content is the tar file {@code tar}, copied through unchanged (and
   * compressed as the layer says) without being loaded into memory. The file is read when the
   * image is written, not now.
   */
  public static LayerBuilder layerFromTar(Path tar) {
    return new LayerBuilder(tar);
  }

  /** A new image index (a multi-platform image) over images added with {@link IndexBuilder#image}. */
  public static IndexBuilder index() {
    return new IndexBuilder();
  }

  public OciImageBuilder platform(String os, String architecture) {
    return platform(new Platform(os, architecture, null));
  }

  public OciImageBuilder platform(Platform platform) {
    this.platform = platform;
    return this;
  }

  /** The config's {@code created} and the default {@code created} of history entries. */
  public OciImageBuilder created(Instant created) {
    this.created = created;
    return this;
  }

  public OciImageBuilder author(String author) {
    this.author = author;
    return this;
  }

  public OciImageBuilder user(String user) {
    this.user = user;
    return this;
  }

  /** Appends {@code NAME=value} to {@code Env}. */
  public OciImageBuilder env(String name, String value) {
    env.add(name + "=" + value);
    return this;
  }

  public OciImageBuilder entrypoint(String... args) {
    entrypoint.clear();
    entrypoint.addAll(List.of(args));
    return this;
  }

  public OciImageBuilder cmd(String... args) {
    cmd = List.of(args);
    return this;
  }

  public OciImageBuilder workingDir(String dir) {
    workingDir = dir;
    return this;
  }

  /** Adds an exposed port such as {@code 8080/tcp}. */
  public OciImageBuilder exposedPort(String port) {
    exposedPorts.add(port);
    return this;
  }

  public OciImageBuilder label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** Docker's {@code Healthcheck.Test}, e.g. {@code "CMD-SHELL", "curl -f http://localhost/"}. */
  public OciImageBuilder healthcheck(String... test) {
    healthcheck = List.of(test);
    return this;
  }

  /** Appends a layer (and its history entry). */
  public OciImageBuilder layer(LayerBuilder layer) {
    steps.add(layer);
    return this;
  }

  /** Appends a history entry with {@code empty_layer: true}, e.g. {@code ENV A=b}. */
  public OciImageBuilder emptyLayerHistory(String createdBy) {
    steps.add(new EmptyHistory(createdBy));
    return this;
  }

  /** Writes the manifest without its {@code mediaType} field, as umoci does. */
  public OciImageBuilder omitManifestMediaType() {
    this.omitManifestMediaType = true;
    return this;
  }

  public OciImageBuilder manifestAnnotation(String key, String value) {
    manifestAnnotations.put(key, value);
    return this;
  }

  /** Edits the config JSON after it is built and before it is hashed (for malformed-config tests). */
  public OciImageBuilder customizeConfig(Consumer<ObjectNode> customizer) {
    this.configCustomizer = customizer;
    return this;
  }

  /** Edits the manifest JSON after it is built and before it is hashed. */
  public OciImageBuilder customizeManifest(Consumer<ObjectNode> customizer) {
    this.manifestCustomizer = customizer;
    return this;
  }

  /**
   * Writes the image's blobs into {@code layout} (creating it if needed) and points {@code tag} at
   * the manifest in {@code index.json}, replacing an entry with the same tag.
   */
  public BuiltImage writeTo(Path layout, String tag) throws IOException {
    BuiltImage img = writeBlobs(layout, tag);
    Layouts.setRef(layout, tag, descriptorJson(img.manifest(), img.platform()));
    return img;
  }

  /** Writes the image's blobs (layers, config, manifest) without touching {@code index.json}. */
  public BuiltImage writeBlobs(Path layout) throws IOException {
    return writeBlobs(layout, null);
  }

  private BuiltImage writeBlobs(Path layout, @Nullable String tag) throws IOException {
    Layouts.init(layout);
    List<BuiltLayer> built = new ArrayList<>();
    ArrayNode history = JSON.createArrayNode();
    for (Object step : steps) {
      ObjectNode h = history.addObject();
      h.put("created", created.toString());
      if (step instanceof LayerBuilder lb) {
        built.add(lb.write(layout));
        if (lb.createdBy != null) {
          h.put("created_by", lb.createdBy);
        }
        if (lb.comment != null) {
          h.put("comment", lb.comment);
        }
      } else if (step instanceof EmptyHistory eh) {
        h.put("created_by", eh.createdBy());
        h.put("empty_layer", true);
      }
    }

    ObjectNode config = JSON.createObjectNode();
    config.put("created", created.toString());
    if (author != null) {
      config.put("author", author);
    }
    config.put("architecture", platform.architecture());
    config.put("os", platform.os());
    if (platform.variant() != null) {
      config.put("variant", platform.variant());
    }
    ObjectNode c = config.putObject("config");
    if (user != null) {
      c.put("User", user);
    }
    if (!exposedPorts.isEmpty()) {
      ObjectNode ports = c.putObject("ExposedPorts");
      exposedPorts.forEach(p -> ports.putObject(p));
    }
    if (!env.isEmpty()) {
      ArrayNode a = c.putArray("Env");
      env.forEach(a::add);
    }
    if (!entrypoint.isEmpty()) {
      ArrayNode a = c.putArray("Entrypoint");
      entrypoint.forEach(a::add);
    }
    if (cmd != null) {
      ArrayNode a = c.putArray("Cmd");
      cmd.forEach(a::add);
    }
    if (workingDir != null) {
      c.put("WorkingDir", workingDir);
    }
    if (!labels.isEmpty()) {
      ObjectNode l = c.putObject("Labels");
      labels.forEach(l::put);
    }
    if (healthcheck != null) {
      ArrayNode t = c.putObject("Healthcheck").putArray("Test");
      healthcheck.forEach(t::add);
    }
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    built.forEach(l -> diffIds.add(l.diffId().toString()));
    config.set("history", history);
    if (configCustomizer != null) {
      configCustomizer.accept(config);
    }
    byte[] configBytes = JSON.writeValueAsBytes(config);
    Descriptor configDesc = Layouts.writeBlob(layout, MediaTypes.OCI_CONFIG, configBytes);

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    if (!omitManifestMediaType) {
      manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    }
    manifest.set("config", descriptorJson(configDesc, null));
    ArrayNode layers = manifest.putArray("layers");
    built.forEach(l -> layers.add(descriptorJson(l.descriptor(), null)));
    if (!manifestAnnotations.isEmpty()) {
      ObjectNode a = manifest.putObject("annotations");
      manifestAnnotations.forEach(a::put);
    }
    if (manifestCustomizer != null) {
      manifestCustomizer.accept(manifest);
    }
    byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
    Descriptor manifestDesc = Layouts.writeBlob(layout, MediaTypes.OCI_MANIFEST, manifestBytes);
    return new BuiltImage(layout, tag, manifestDesc, manifestBytes, configDesc, configBytes, built, platform);
  }

  // ---------------------------------------------------------------- index

  /** Builds an image index over several images (each written to the same layout). */
  public static final class IndexBuilder {
    private final List<Object> entries = new ArrayList<>(); // OciImageBuilder or Descriptor
    private String mediaType = MediaTypes.OCI_INDEX;
    private boolean omitMediaType;
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private IndexBuilder() {}

    /** Adds an image; its platform goes into the index entry. */
    public IndexBuilder image(OciImageBuilder image) {
      entries.add(image);
      return this;
    }

    /**
     * Adds an entry for a manifest that exists elsewhere, e.g. one pushed with {@code --format
     * v2s2} (use its registry digest, size, media type and a platform). Its blob is not written.
     */
    public IndexBuilder manifest(Descriptor descriptor) {
      entries.add(descriptor);
      return this;
    }

    /** The index's media type, e.g. {@link MediaTypes#DOCKER_MANIFEST_LIST}; default OCI index. */
    public IndexBuilder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    /** Writes the index document without its {@code mediaType} field. */
    public IndexBuilder omitMediaType() {
      this.omitMediaType = true;
      return this;
    }

    public IndexBuilder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    /**
     * Writes every image's blobs and the index blob into {@code layout} and points {@code tag} at
     * the index in {@code index.json}.
     */
    public BuiltIndex writeTo(Path layout, String tag) throws IOException {
      BuiltIndex idx = writeBlobs(layout, tag);
      Layouts.setRef(layout, tag, descriptorJson(idx.index(), null));
      return idx;
    }

    private BuiltIndex writeBlobs(Path layout, @Nullable String tag) throws IOException {
      List<BuiltImage> images = new ArrayList<>();
      List<Descriptor> descriptors = new ArrayList<>();
      for (Object e : entries) {
        if (e instanceof OciImageBuilder b) {
          BuiltImage img = b.writeBlobs(layout);
          images.add(img);
          descriptors.add(img.platformDescriptor());
        } else {
          descriptors.add((Descriptor) e);
        }
      }
      byte[] bytes = toBytes(descriptors);
      Descriptor desc = Layouts.writeBlob(layout, mediaType, bytes);
      return new BuiltIndex(layout, tag, desc, bytes, images);
    }

    /**
     * The index document over {@code manifests} (in order) with this builder's media type and
     * annotations, without writing anything: for PUTting by hand.
     */
    public byte[] toBytes(List<Descriptor> manifests) throws IOException {
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      if (!omitMediaType) {
        index.put("mediaType", mediaType);
      }
      ArrayNode m = index.putArray("manifests");
      manifests.forEach(d -> m.add(descriptorJson(d, d.platform())));
      if (!annotations.isEmpty()) {
        ObjectNode a = index.putObject("annotations");
        annotations.forEach(a::put);
      }
      return JSON.writeValueAsBytes(index);
    }
  }

  // ---------------------------------------------------------------- layer

  /**
   * A layer's content and how it is stored. Paths are written as given (no leading {@code /}
   * expected, none added); parent directories are not added implicitly.
   */
  public static final class LayerBuilder {
    private final @Nullable Path sourceTar;
    private final List<Object> entries = new ArrayList<>(); // TarEntry or ZeroFile
    private Compression compression = Compression.GZIP;
    private @Nullable String mediaType;
    private @Nullable String createdBy;
    private @Nullable String comment;
    private Instant mtime = DEFAULT_TIME;
    private boolean preserveOrder;

    private record ZeroFile(String name, long size, int mode) {}

    private LayerBuilder(@Nullable Path sourceTar) {
      this.sourceTar = sourceTar;
    }

    /** A regular file, mode 0644, owned by 0:0. */
    public LayerBuilder file(String path, byte[] content) {
      return file(path, content, 0644);
    }

    /** A regular file with UTF-8 text content, mode 0644, owned by 0:0. */
    public LayerBuilder file(String path, String content) {
      return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public LayerBuilder file(String path, byte[] content, int mode) {
      return file(path, content, mode, 0, 0);
    }

    public LayerBuilder file(String path, byte[] content, int mode, long uid, long gid) {
      return raw(new TarEntry(path, TarConstants.LF_NORMAL, null, content, mode, uid, gid, 0, 0, Map.of()));
    }

    /** A regular file of {@code size} zero bytes, streamed (for size-limit tests without the memory). */
    public LayerBuilder zeroFile(String path, long size) {
      requireOwnContent();
      entries.add(new ZeroFile(path, size, 0644));
      return this;
    }

    /** A directory, mode 0755, owned by 0:0. A trailing {@code /} is added to the name. */
    public LayerBuilder directory(String path) {
      return directory(path, 0755, 0, 0);
    }

    public LayerBuilder directory(String path, int mode, long uid, long gid) {
      String name = path.endsWith("/") ? path : path + "/";
      return raw(new TarEntry(name, TarConstants.LF_DIR, null, new byte[0], mode, uid, gid, 0, 0, Map.of()));
    }

    /** A symbolic link {@code path -> target}; the target is written as given (may be absolute). */
    public LayerBuilder symlink(String path, String target) {
      return raw(new TarEntry(path, TarConstants.LF_SYMLINK, target, new byte[0], 0777, 0, 0, 0, 0, Map.of()));
    }

    /** A hard link {@code path} to the earlier entry {@code target} (a path in the archive). */
    public LayerBuilder hardLink(String path, String target) {
      return raw(new TarEntry(path, TarConstants.LF_LINK, target, new byte[0], 0644, 0, 0, 0, 0, Map.of()));
    }

    /** A whiteout hiding {@code path} of lower layers: an empty file {@code dir/.wh.name}. */
    public LayerBuilder whiteout(String path) {
      String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      int slash = p.lastIndexOf('/');
      String name = slash < 0 ? ".wh." + p : p.substring(0, slash + 1) + ".wh." + p.substring(slash + 1);
      return raw(TarEntry.file(name, new byte[0], 0644));
    }

    /** An opaque-directory marker: {@code dir/.wh..wh..opq} hides everything lower layers put in {@code dir}. */
    public LayerBuilder opaque(String dir) {
      String d = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
      return raw(TarEntry.file(d + ".wh..wh..opq", new byte[0], 0644));
    }

    /** A character device, mode 0666. */
    public LayerBuilder charDevice(String path, int major, int minor) {
      return raw(new TarEntry(path, TarConstants.LF_CHR, null, new byte[0], 0666, 0, 0, major, minor, Map.of()));
    }

    /** A block device, mode 0660. */
    public LayerBuilder blockDevice(String path, int major, int minor) {
      return raw(new TarEntry(path, TarConstants.LF_BLK, null, new byte[0], 0660, 0, 0, major, minor, Map.of()));
    }

    /** A named pipe, mode 0644. */
    public LayerBuilder fifo(String path) {
      return raw(new TarEntry(path, TarConstants.LF_FIFO, null, new byte[0], 0644, 0, 0, 0, 0, Map.of()));
    }

    /** Any entry, written exactly as described: names such as {@code ../../escape} or {@code /abs/path} are kept. */
    public LayerBuilder raw(TarEntry entry) {
      requireOwnContent();
      entries.add(entry);
      return this;
    }

    /** Writes entries in the order added instead of sorted by name. */
    public LayerBuilder preserveOrder() {
      this.preserveOrder = true;
      return this;
    }

    /** Default {@link Compression#GZIP}. */
    public LayerBuilder compression(Compression compression) {
      this.compression = compression;
      return this;
    }

    /** Overrides the descriptor's media type (default: the compression's OCI layer type). */
    public LayerBuilder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    /** The history entry's {@code created_by} for this layer. */
    public LayerBuilder createdBy(String createdBy) {
      this.createdBy = createdBy;
      return this;
    }

    public LayerBuilder comment(String comment) {
      this.comment = comment;
      return this;
    }

    /** The mtime of every entry (default {@link #DEFAULT_TIME}). */
    public LayerBuilder mtime(Instant mtime) {
      this.mtime = mtime;
      return this;
    }

    private void requireOwnContent() {
      if (sourceTar != null) {
        throw new IllegalStateException("a layer from " + sourceTar + " cannot have entries added");
      }
    }

    /**
     * Writes the uncompressed layer tar to {@code out} (not closed). For inspecting what a layer
     * holds, or feeding a walker directly without a layout.
     */
    public void writeTar(OutputStream out) throws IOException {
      if (sourceTar != null) {
        if (!Files.isRegularFile(sourceTar)) {
          throw new IOException("layer source tar not found: " + sourceTar);
        }
        Files.copy(sourceTar, out);
        return;
      }
      List<Object> ordered = new ArrayList<>(entries);
      if (!preserveOrder) {
        ordered.sort(Comparator.comparing(LayerBuilder::nameOf));
      }
      TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), 512, StandardCharsets.UTF_8.name());
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (Object e : ordered) {
        if (e instanceof TarEntry te) {
          TarArchiveEntry entry = new TarArchiveEntry(te.name(), te.type(), true);
          entry.setMode(typeBits(te.type()) | (te.mode() & 07777));
          entry.setUserId(te.uid());
          entry.setGroupId(te.gid());
          entry.setUserName("");
          entry.setGroupName("");
          entry.setModTime(FileTime.from(mtime));
          if (te.linkName() != null) {
            entry.setLinkName(te.linkName());
          }
          if (te.type() == TarConstants.LF_CHR || te.type() == TarConstants.LF_BLK) {
            entry.setDevMajor(te.devMajor());
            entry.setDevMinor(te.devMinor());
          }
          te.paxHeaders().forEach(entry::addPaxHeader);
          entry.setSize(te.content().length);
          tar.putArchiveEntry(entry);
          tar.write(te.content());
          tar.closeArchiveEntry();
        } else {
          ZeroFile z = (ZeroFile) e;
          TarArchiveEntry entry = new TarArchiveEntry(z.name(), TarConstants.LF_NORMAL, true);
          entry.setMode(0100000 | z.mode());
          entry.setUserName("");
          entry.setGroupName("");
          entry.setModTime(FileTime.from(mtime));
          entry.setSize(z.size());
          tar.putArchiveEntry(entry);
          byte[] zeros = new byte[65536];
          for (long left = z.size(); left > 0; left -= zeros.length) {
            tar.write(zeros, 0, (int) Math.min(left, zeros.length));
          }
          tar.closeArchiveEntry();
        }
      }
      tar.finish();
      tar.close();
    }

    private static String nameOf(Object e) {
      return e instanceof TarEntry te ? te.name() : ((ZeroFile) e).name();
    }

    private static int typeBits(byte type) {
      return switch (type) {
        case TarConstants.LF_DIR -> 0040000;
        case TarConstants.LF_SYMLINK -> 0120000;
        case TarConstants.LF_CHR -> 0020000;
        case TarConstants.LF_BLK -> 0060000;
        case TarConstants.LF_FIFO -> 0010000;
        case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_LINK -> 0100000;
        default -> 0;
      };
    }

    /** Writes the blob into the layout's {@code blobs/sha256/} and returns what was written. */
    BuiltLayer write(Path layout) throws IOException {
      Path blobs = Layouts.init(layout);
      Path tmp = Files.createTempFile(blobs, ".layer-", ".tmp");
      MessageDigest blobMd = sha256();
      MessageDigest diffMd = sha256();
      long blobSize;
      long diffSize;
      try {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
          CountingOutputStream blobCount = new CountingOutputStream(new DigestOutputStream(file, blobMd));
          OutputStream compressor = switch (compression) {
            case NONE -> new NonClosing(blobCount);
            case GZIP -> new GZIPOutputStream(blobCount, 1 << 16) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            };
            case ZSTD -> new ZstdOutputStream(blobCount, 3);
          };
          CountingOutputStream diffCount = new CountingOutputStream(new DigestOutputStream(compressor, diffMd));
          writeTar(diffCount);
          diffCount.flush();
          compressor.close(); // finishes gzip/zstd; NonClosing leaves the file open for the try
          blobSize = blobCount.count;
          diffSize = diffCount.count;
        }
        Digest blobDigest = new Digest("sha256", HexFormat.of().formatHex(blobMd.digest()));
        Digest diffId = new Digest("sha256", HexFormat.of().formatHex(diffMd.digest()));
        Files.move(tmp, Layouts.blobPath(layout, blobDigest), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        String type = mediaType != null ? mediaType : compression.mediaType();
        return new BuiltLayer(Descriptor.of(type, blobDigest, blobSize), diffId, diffSize);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  // ---------------------------------------------------------------- layout files

  /** Reading and writing the files of an OCI layout. */
  static final class Layouts {
    private Layouts() {}

    /** Creates {@code oci-layout} and {@code blobs/sha256/} if absent; returns the blobs directory. */
    static Path init(Path layout) throws IOException {
      Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
      Path marker = layout.resolve("oci-layout");
      if (!Files.exists(marker)) {
        Files.writeString(marker, "{\"imageLayoutVersion\":\"1.0.0\"}");
      }
      Path index = layout.resolve("index.json");
      if (!Files.exists(index)) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_INDEX);
        root.putArray("manifests");
        Files.write(index, JSON.writeValueAsBytes(root));
      }
      return blobs;
    }

    static Path blobPath(Path layout, Digest digest) {
      return layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.encoded());
    }

    static Descriptor writeBlob(Path layout, String mediaType, byte[] bytes) throws IOException {
      init(layout);
      Digest d = Digest.sha256(bytes);
      Path p = blobPath(layout, d);
      if (!Files.exists(p)) {
        Path tmp = Files.createTempFile(p.getParent(), ".blob-", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return Descriptor.of(mediaType, d, bytes.length);
    }

    /** Points {@code tag} at {@code descriptor} in {@code index.json}, replacing an entry with the same tag. */
    static void setRef(Path layout, String tag, ObjectNode descriptor) throws IOException {
      init(layout);
      Path indexFile = layout.resolve("index.json");
      ObjectNode root = (ObjectNode) JSON.readTree(indexFile.toFile());
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode m : root.path("manifests")) {
        if (!tag.equals(m.path("annotations").path(REF_NAME).asText(null))) {
          kept.add(m);
        }
      }
      descriptor.putObject("annotations").put(REF_NAME, tag);
      kept.add(descriptor);
      root.set("manifests", kept);
      Path tmp = Files.createTempFile(layout, ".index-", ".tmp");
      Files.write(tmp, JSON.writeValueAsBytes(root));
      Files.move(tmp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The JSON of a descriptor: mediaType, digest, size, then platform, annotations and urls when present. */
  static ObjectNode descriptorJson(Descriptor d, @Nullable Platform platform) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    Platform p = platform != null ? platform : d.platform();
    if (p != null) {
      ObjectNode pn = n.putObject("platform");
      pn.put("architecture", p.architecture());
      pn.put("os", p.os());
      if (p.variant() != null) {
        pn.put("variant", p.variant());
      }
    }
    if (!d.annotations().isEmpty()) {
      ObjectNode a = n.putObject("annotations");
      d.annotations().forEach(a::put);
    }
    if (!d.urls().isEmpty()) {
      ArrayNode u = n.putArray("urls");
      d.urls().forEach(u::add);
    }
    return n;
  }

  /** The blob file of {@code digest} in {@code layout}. */
  public static Path blobPath(Path layout, Digest digest) {
    return Layouts.blobPath(layout, digest);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Passes everything through but turns close into flush. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Reads a blob of a layout fully (for assertions on small blobs). */
  public static byte[] readBlob(Path layout, Digest digest) throws IOException {
    try (InputStream in = Files.newInputStream(blobPath(layout, digest))) {
      return in.readAllBytes();
    }
  }

  @Override
  public String toString() {
    return "OciImageBuilder[" + platform + ", " + steps.size() + " steps]";
  }
}
