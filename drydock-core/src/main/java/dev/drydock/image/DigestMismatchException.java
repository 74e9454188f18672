package dev.drydock.image;

/** A blob's content did not hash to the digest it was requested by. Never retried. */
public final class DigestMismatchException extends ImageException {
  private final Digest expected;

  public DigestMismatchException(Digest expected, String actual) {
    super("digest mismatch in blob " + expected + " (content hashes to " + actual + ")");
    this.expected = expected;
  }

  public Digest expected() {
    return expected;
  }
}
