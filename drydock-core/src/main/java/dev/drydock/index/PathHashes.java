package dev.drydock.index;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * A compact, immutable set of paths, kept as their sorted 64-bit hashes (the first half of
 * MurmurHash3 x64 128 of the UTF-8 path): a layer's every entry costs 8 bytes in the layer cache
 * instead of its path. A lookup of a path that is not in the set answers true with a probability
 * of about {@code size / 2^64} (under 10^-12 for a million entries); the merger uses it only to
 * decide what a higher layer hides, where that error is negligible.
 *
 * <p>Serialised as the packed big-endian hashes (base64 in JSON).
 */
public final class PathHashes {

  public static final PathHashes EMPTY = new PathHashes(new long[0]);

  private final long[] sorted;

  private PathHashes(long[] sorted) {
    this.sorted = sorted;
  }

  /** The hash a path is kept as. */
  public static long hash(String path) {
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    return MurmurHash3.hash128x64(b, 0, b.length, 0)[0];
  }

  public boolean contains(String path) {
    return contains(hash(path));
  }

  public boolean contains(long hash) {
    return Arrays.binarySearch(sorted, hash) >= 0;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public int size() {
    return sorted.length;
  }

  @JsonValue
  byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(sorted.length * Long.BYTES);
    for (long h : sorted) {
      b.putLong(h);
    }
    return b.array();
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static PathHashes fromBytes(byte[] bytes) {
    if (bytes.length % Long.BYTES != 0) {
      throw new IllegalArgumentException("path hashes: " + bytes.length + " bytes is not a whole number of hashes");
    }
    long[] h = new long[bytes.length / Long.BYTES];
    ByteBuffer.wrap(bytes).asLongBuffer().get(h);
    return of(h, h.length);
  }

  private static PathHashes of(long[] hashes, int n) {
    if (n == 0) {
      return EMPTY;
    }
    long[] s = Arrays.copyOf(hashes, n);
    Arrays.sort(s);
    int w = 1;
    for (int i = 1; i < s.length; i++) {
      if (s[i] != s[w - 1]) {
        s[w++] = s[i];
      }
    }
    return new PathHashes(w == s.length ? s : Arrays.copyOf(s, w));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathHashes p && Arrays.equals(sorted, p.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return "PathHashes[" + sorted.length + "]";
  }

  /** Collects paths; not thread-safe. */
  public static final class Builder {
    private long[] hashes = new long[256];
    private int n;

    public Builder add(String path) {
      if (n == hashes.length) {
        hashes = Arrays.copyOf(hashes, n * 2);
      }
      hashes[n++] = hash(path);
      return this;
    }

    public PathHashes build() {
      return of(hashes, n);
    }
  }
}
