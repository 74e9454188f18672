package dev.drydock.image;

import java.io.IOException;

/**
 * Where an image comes from: a registry, an OCI layout directory, or an archive. A source
 * resolves one single-platform {@link Image} and opens its blobs.
 *
 * <p>Implementations are safe for concurrent {@link #openBlob} calls once {@link #resolve} has
 * returned, so layers can be read in parallel.
 */
public interface ImageSource extends AutoCloseable {

  /** Reads the manifest (choosing a platform from an index) and the config. */
  Image resolve() throws IOException;

  /**
   * Opens a blob named by a descriptor of the resolved image. The stream verifies size and digest
   * as it is read; the caller must read it to the end (or call {@link
   * DigestVerifyingInputStream#drainAndVerify()}) before trusting what it derived.
   */
  DigestVerifyingInputStream openBlob(Descriptor descriptor) throws IOException;

  @Override
  void close() throws IOException;
}
