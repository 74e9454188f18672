package dev.drydock.index;

/**
 * Bounds that keep a hostile layer from exhausting the machine.
 *
 * @param maxLayerBytes largest uncompressed layer accepted
 * @param maxRatio largest uncompressed÷compressed ratio accepted once {@code ratioGraceBytes} of
 *     output have been produced (a decompression bomb expands thousands of times; real layers
 *     rarely exceed 20)
 * @param ratioGraceBytes output below which the ratio is not checked
 * @param maxEntries largest number of tar entries in one layer
 */
public record IndexLimits(long maxLayerBytes, long maxRatio, long ratioGraceBytes, long maxEntries) {
  public static final IndexLimits DEFAULT = new IndexLimits(64L << 30, 1000, 256L << 20, 5_000_000);
}
