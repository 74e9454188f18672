package dev.drydock.source;

import dev.drydock.image.ImageException;
import dev.drydock.image.ImageReference;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Platform;
import dev.drydock.image.layout.DockerArchiveSource;
import dev.drydock.image.layout.OciLayoutSource;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.RegistryClient;
import dev.drydock.registry.RegistryImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Opens an image source from what a user typed:
 * <ul>
 *   <li>{@code oci-dir:PATH[:TAG]} (also skopeo's {@code oci:PATH[:TAG]}) — an OCI image layout directory;
 *   <li>{@code oci-archive:PATH[:TAG]} — an uncompressed tar of an OCI layout;
 *   <li>{@code docker-archive:PATH[:REPO:TAG]} — a {@code docker save} archive;
 *   <li>an existing path — one of the above, detected from its content;
 *   <li>anything else (optionally prefixed {@code docker://}) — a registry reference.
 * </ul>
 */
public final class ImageSources {

  private ImageSources() {}

  /**
   * @param platform the platform to choose from a multi-platform image, null for the default
   *     ({@code linux/amd64}, or whatever a single-platform image is)
   */
  public record Options(@Nullable Platform platform, CredentialProvider credentials, RegistryClient.Options registry) {}

  public static ImageSource open(String arg, Options o) throws IOException {
    if (arg.startsWith("oci-dir:") || arg.startsWith("oci:")) {
      PathAndRest p = split(arg.substring(arg.indexOf(':') + 1), true);
      return OciLayoutSource.directory(p.path, p.rest, o.platform());
    }
    if (arg.startsWith("oci-archive:")) {
      PathAndRest p = split(arg.substring("oci-archive:".length()), false);
      return OciLayoutSource.archive(p.path, p.rest, o.platform());
    }
    if (arg.startsWith("docker-archive:")) {
      PathAndRest p = split(arg.substring("docker-archive:".length()), false);
      return new DockerArchiveSource(p.path, p.rest, o.platform());
    }
    String ref = arg.startsWith("docker://") ? arg.substring("docker://".length()) : arg;
    Path path = Path.of(arg);
    if (!arg.startsWith("docker://") && (arg.contains("/") || arg.contains(".")) && Files.exists(path)) {
      return detect(path, o);
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(ref);
    } catch (IllegalArgumentException e) {
      throw new ImageException(e.getMessage() + " (and no such file or directory)");
    }
    return RegistryImageSource.of(reference, o.credentials(), o.registry(), o.platform());
  }

  private static ImageSource detect(Path path, Options o) throws IOException {
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve("oci-layout"))) {
        return OciLayoutSource.directory(path, null, o.platform());
      }
      throw new ImageException(path + " is a directory but not an OCI image layout (no oci-layout file)");
    }
    boolean manifestJson = false;
    boolean ociLayout = false;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(path))) {
      TarArchiveEntry e;
      int seen = 0;
      while ((e = tar.getNextEntry()) != null && seen++ < 100_000) {
        String n = dev.drydock.image.TarPaths.normalize(e.getName()).path();
        manifestJson |= n.equals("manifest.json");
        ociLayout |= n.equals("oci-layout");
      }
    } catch (IOException | RuntimeException e) {
      throw new ImageException(path + " is neither an image layout nor an uncompressed image archive: " + e.getMessage());
    }
    if (manifestJson) {
      return new DockerArchiveSource(path, null, o.platform());
    }
    if (ociLayout) {
      return OciLayoutSource.archive(path, null, o.platform());
    }
    throw new ImageException(path + " is a tar archive but holds neither manifest.json (docker-archive) nor oci-layout (oci-archive)");
  }

  private record PathAndRest(Path path, @Nullable String rest) {}

  /** Splits {@code PATH[:REST]}, taking the shortest prefix that names an existing file or directory. */
  private static PathAndRest split(String s, boolean lastColonOnly) throws ImageException {
    if (Files.exists(Path.of(s))) {
      return new PathAndRest(Path.of(s), null);
    }
    if (lastColonOnly) {
      int c = s.lastIndexOf(':');
      if (c > 0 && Files.exists(Path.of(s.substring(0, c)))) {
        return new PathAndRest(Path.of(s.substring(0, c)), s.substring(c + 1));
      }
    } else {
      for (int c = s.indexOf(':'); c > 0; c = s.indexOf(':', c + 1)) {
        if (Files.isRegularFile(Path.of(s.substring(0, c)))) {
          return new PathAndRest(Path.of(s.substring(0, c)), s.substring(c + 1));
        }
      }
    }
    throw new ImageException("no such file or directory: " + s);
  }
}
