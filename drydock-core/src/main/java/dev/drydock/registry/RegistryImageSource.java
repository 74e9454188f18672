package dev.drydock.registry;

import dev.drydock.image.Descriptor;
import dev.drydock.image.DigestVerifyingInputStream;
import dev.drydock.image.Image;
import dev.drydock.image.ImageReference;
import dev.drydock.image.ImageResolver;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Platform;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** An image in a registry, read through the OCI Distribution API. */
public final class RegistryImageSource implements ImageSource {

  private final ImageReference ref;
  private final RegistryClient client;
  private final @Nullable Platform platform;

  public RegistryImageSource(ImageReference ref, RegistryClient client, @Nullable Platform platform) {
    this.ref = ref;
    this.client = client;
    this.platform = platform;
  }

  public static RegistryImageSource of(ImageReference ref, CredentialProvider credentials,
      RegistryClient.Options options, @Nullable Platform platform) {
    return new RegistryImageSource(ref, new RegistryClient(ref.registry(), ref.apiHost(), credentials, options), platform);
  }

  @Override
  public Image resolve() throws IOException {
    String what = ref.toString();
    RegistryClient.FetchedManifest top = client.fetchManifest(ref.repository(), ref.manifestReference(), what);
    return ImageResolver.resolve(what, ref, bytes(top), platform, new ImageResolver.Fetcher() {
      @Override
      public ImageResolver.ManifestBytes manifest(Descriptor d) throws IOException {
        return bytes(client.fetchManifest(ref.repository(), d.digest().toString(), ref.name() + "@" + d.digest()));
      }

      @Override
      public byte[] blob(Descriptor d, long maxBytes) throws IOException {
        return client.fetchBlob(ref.repository(), d, maxBytes, what);
      }
    });
  }

  private static ImageResolver.ManifestBytes bytes(RegistryClient.FetchedManifest m) {
    return new ImageResolver.ManifestBytes(m.bytes(), m.contentType(), m.digest());
  }

  @Override
  public DigestVerifyingInputStream openBlob(Descriptor descriptor) throws IOException {
    return client.openBlob(ref.repository(), descriptor, ref.toString());
  }

  @Override
  public void close() {
    client.close();
  }
}
