package dev.drydock.image.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Descriptor;
import dev.drydock.image.Digest;
import dev.drydock.image.DigestVerifyingInputStream;
import dev.drydock.image.Image;
import dev.drydock.image.ImageException;
import dev.drydock.image.ImageResolver;
import dev.drydock.image.ImageSource;
import dev.drydock.image.ManifestDocument;
import dev.drydock.image.ManifestParser;
import dev.drydock.image.MediaTypes;
import dev.drydock.image.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An image in an OCI image layout, as a directory ({@code oci-dir:PATH[:TAG]}) or an uncompressed
 * tar of one ({@code oci-archive:PATH[:TAG]}). The tag selects the {@code index.json} entry whose
 * {@code org.opencontainers.image.ref.name} annotation equals it; without a tag the layout must
 * hold a single image (or one multi-platform index, from which the platform is chosen).
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</a>
 */
public final class OciLayoutSource implements ImageSource {

  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LayoutFiles files;
  private final String name;
  private final @Nullable String tag;
  private final @Nullable Platform platform;

  private OciLayoutSource(LayoutFiles files, String name, @Nullable String tag, @Nullable Platform platform) {
    this.files = files;
    this.name = name;
    this.tag = tag;
    this.platform = platform;
  }

  public static OciLayoutSource directory(Path dir, @Nullable String tag, @Nullable Platform platform) {
    return new OciLayoutSource(LayoutFiles.directory(dir), "oci-dir:" + dir + (tag == null ? "" : ":" + tag), tag, platform);
  }

  public static OciLayoutSource archive(Path file, @Nullable String tag, @Nullable Platform platform) throws IOException {
    return new OciLayoutSource(LayoutFiles.archive(file), "oci-archive:" + file + (tag == null ? "" : ":" + tag), tag, platform);
  }

  @Override
  public Image resolve() throws IOException {
    if (!files.exists("oci-layout")) {
      throw new ImageException("not an OCI image layout: " + files.describe() + " has no oci-layout file");
    }
    JsonNode layout = JSON.readTree(files.read("oci-layout", 64 * 1024));
    String version = layout.path("imageLayoutVersion").asText("");
    if (!version.startsWith("1.")) {
      throw new ImageException("unsupported OCI layout version \"" + version + "\" in " + files.describe());
    }
    byte[] indexBytes = files.read("index.json", 4L << 20);
    ManifestDocument doc = ManifestParser.parse(indexBytes, MediaTypes.OCI_INDEX, name);
    if (!(doc instanceof ManifestDocument.Index index)) {
      throw new ImageException("index.json of " + files.describe() + " is not an image index");
    }
    ImageResolver.ManifestBytes top;
    List<Descriptor> candidates = index.manifests();
    if (tag != null) {
      candidates = candidates.stream().filter(d -> tag.equals(d.annotations().get(REF_NAME))).toList();
      if (candidates.isEmpty()) {
        throw new ImageException("manifest unknown: " + name + " (no index.json entry named " + tag + ")");
      }
    }
    boolean platformed = candidates.stream().allMatch(d -> d.platform() != null);
    if (candidates.size() == 1) {
      top = manifest(candidates.get(0));
    } else if (platformed && !candidates.isEmpty()) {
      top = new ImageResolver.ManifestBytes(indexBytes, MediaTypes.OCI_INDEX, Digest.sha256(indexBytes));
    } else {
      List<String> names = candidates.stream().map(d -> d.annotations().getOrDefault(REF_NAME, d.digest().toString())).toList();
      throw new ImageException(files.describe() + " holds " + candidates.size() + " images; name one with :TAG (" + String.join(", ", names) + ")");
    }
    return ImageResolver.resolve(name, null, top, platform, new ImageResolver.Fetcher() {
      @Override
      public ImageResolver.ManifestBytes manifest(Descriptor d) throws IOException {
        return OciLayoutSource.this.manifest(d);
      }

      @Override
      public byte[] blob(Descriptor d, long maxBytes) throws IOException {
        return verified(d, maxBytes);
      }
    });
  }

  private ImageResolver.ManifestBytes manifest(Descriptor d) throws IOException {
    return new ImageResolver.ManifestBytes(verified(d, 4L << 20), d.mediaType().isEmpty() ? null : d.mediaType(), d.digest());
  }

  private byte[] verified(Descriptor d, long max) throws IOException {
    if (d.size() > max) {
      throw new ImageException("blob " + d.digest() + " in " + files.describe() + " is larger than " + max + " bytes");
    }
    try (DigestVerifyingInputStream in = openBlob(d)) {
      byte[] b = in.readAllBytes();
      in.drainAndVerify();
      return b;
    }
  }

  @Override
  public DigestVerifyingInputStream openBlob(Descriptor d) throws IOException {
    String path = "blobs/" + d.digest().algorithm() + "/" + d.digest().encoded();
    if (!files.exists(path)) {
      throw new ImageException("blob unknown: " + d.digest() + " is missing from " + files.describe());
    }
    return new DigestVerifyingInputStream(files.open(path), d.digest(), d.size());
  }

  @Override
  public void close() {}
}
