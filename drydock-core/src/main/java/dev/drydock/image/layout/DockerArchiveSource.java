package dev.drydock.image.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.DigestVerifyingInputStream;
import dev.drydock.image.Image;
import dev.drydock.image.ImageConfig;
import dev.drydock.image.ImageException;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An image in a {@code docker save} archive ({@code docker-archive:PATH[:REPO:TAG]}): a tar with a
 * {@code manifest.json} listing, per image, its config file, its {@code RepoTags} and its layer
 * files. Layers are uncompressed tars, each verified against its {@code diff_id}.
 *
 * <p>There is no registry manifest in such an archive, so the image is identified by its config
 * digest (docker's image id), which is what {@link Image#manifestDigest()} holds for it.
 */
public final class DockerArchiveSource implements ImageSource {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LAYER_TAR = "application/vnd.docker.image.rootfs.diff.tar";

  private final Path file;
  private final @Nullable String repoTag;
  private final @Nullable Platform platform;
  private final String name;
  private @Nullable TarIndex index;
  private final Map<Digest, String> layerPaths = new HashMap<>();

  public DockerArchiveSource(Path file, @Nullable String repoTag, @Nullable Platform platform) {
    this.file = file;
    this.repoTag = repoTag;
    this.platform = platform;
    this.name = "docker-archive:" + file + (repoTag == null ? "" : ":" + repoTag);
  }

  @Override
  public Image resolve() throws IOException {
    TarIndex tar = TarIndex.read(file);
    index = tar;
    if (!tar.has("manifest.json")) {
      throw new ImageException("not a docker-archive: " + file + " has no manifest.json");
    }
    JsonNode manifest = JSON.readTree(tar.readSmall("manifest.json", 4L << 20));
    JsonNode chosen = choose(manifest);
    String configPath = chosen.path("Config").asText("");
    byte[] configBytes = tar.readSmall(configPath, 16L << 20);
    Digest configDigest = Digest.sha256(configBytes);
    ImageConfig config = ImageConfig.parse(configBytes, name);
    JsonNode layerFiles = chosen.path("Layers");
    List<String> diffIds = config.diffIds();
    if (layerFiles.size() != diffIds.size()) {
      throw new ImageException("inconsistent docker-archive " + file + ": " + layerFiles.size()
          + " layer files but " + diffIds.size() + " diff_ids in the config");
    }
    List<@Nullable String> commands = config.layerCommands(diffIds.size());
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      String path = layerFiles.get(i).asText();
      Digest diffId = Digest.parse(diffIds.get(i));
      long size = tar.entry(path).orElseThrow(() -> new ImageException("docker-archive " + file + " has no layer file " + path)).size();
      layerPaths.put(diffId, path);
      layers.add(new Layer(Descriptor.of(LAYER_TAR, diffId, size), diffId.toString(), commands.get(i)));
    }
    Platform actual = config.os() != null && config.architecture() != null
        ? new Platform(config.os(), config.architecture(), config.variant()) : Platform.LINUX_AMD64;
    if (platform != null && !platform.matches(actual)) {
      throw new ImageException(name + " is a " + actual + " image, not the requested " + platform);
    }
    return new Image(name, null, configDigest, null, MediaTypes.DOCKER_MANIFEST,
        Descriptor.of(MediaTypes.DOCKER_CONFIG, configDigest, configBytes.length), config, actual, layers);
  }

  private JsonNode choose(JsonNode manifest) throws ImageException {
    if (!manifest.isArray() || manifest.isEmpty()) {
      throw new ImageException("docker-archive " + file + " has an empty or malformed manifest.json");
    }
    if (repoTag == null) {
      if (manifest.size() > 1) {
        List<String> tags = new ArrayList<>();
        manifest.forEach(m -> m.path("RepoTags").forEach(t -> tags.add(t.asText())));
        throw new ImageException(file + " holds " + manifest.size() + " images; name one with :REPO:TAG (" + String.join(", ", tags) + ")");
      }
      return manifest.get(0);
    }
    for (JsonNode m : manifest) {
      for (JsonNode t : m.path("RepoTags")) {
        if (t.asText().equals(repoTag) || t.asText().equals("docker.io/library/" + repoTag)
            || t.asText().equals("docker.io/" + repoTag)) {
          return m;
        }
      }
    }
    throw new ImageException("manifest unknown: " + name + " (no image tagged " + repoTag + ")");
  }

  @Override
  public DigestVerifyingInputStream openBlob(Descriptor d) throws IOException {
    String path = layerPaths.get(d.digest());
    if (index == null || path == null) {
      throw new ImageException("blob unknown: " + d.digest() + " in " + name);
    }
    return new DigestVerifyingInputStream(index.open(path), d.digest(), d.size());
  }

  @Override
  public void close() {}
}
