package dev.drydock.check.baseline.crypt;

/**
 * The memory-hard loops of scrypt and yescrypt (SMix1, SMix2) and their block mixing functions
 * (BlockMix with Salsa20/8 for scrypt, BlockMix with pwxform and Salsa20/2 for yescrypt), on
 * 32-bit words in yescrypt's "SIMD-shuffled" order: inside a 64-byte block, word {@code i} of
 * the algorithm is stored at {@code i * 5 % 16}, which pwxform's results depend on.
 *
 * @see Yescrypt
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7914">RFC 7914 (scrypt)</a>
 */
final class Smix {

  private Smix() {}

  /**
   * SMix1: fills {@code n} blocks of {@code 32 r} words of {@code v} from {@code b} and mixes
   * {@code b}. With {@code rw}, each step also mixes in an earlier block (yescrypt's RW mode);
   * with {@code pwxform}, blocks are mixed by BlockMix-pwxform, else by BlockMix-Salsa20/8.
   */
  static void smix1(Yescrypt y, int[] b, int bOff, int r, long n, boolean rw, int[] v, int vOff, boolean pwxform) {
    int s = 32 * r;
    int[] xy = y.xy();
    shuffleIn(b, bOff, xy, r);
    for (long i = 0; i < n; i++) {
      int at = vOff + (int) (i * s);
      System.arraycopy(xy, 0, v, at, s);
      if (rw && i > 1) {
        long j = wrap(integerify(xy, r), i);
        xor(xy, 0, v, vOff + (int) (j * s), s);
      }
      blockmix(y, xy, r, pwxform);
    }
    shuffleOut(xy, b, bOff, r);
  }

  /**
   * SMix2: {@code nloop} steps that each mix in the block of {@code v} that the current state
   * selects ({@code n} a power of two); with {@code rw} the selected block is overwritten.
   */
  static void smix2(Yescrypt y, int[] b, int bOff, int r, long n, long nloop, boolean rw, int[] v, int vOff,
      boolean pwxform) {
    int s = 32 * r;
    int[] xy = y.xy();
    shuffleIn(b, bOff, xy, r);
    for (long i = 0; i < nloop; i++) {
      long j = integerify(xy, r) & (n - 1);
      int at = vOff + (int) (j * s);
      xor(xy, 0, v, at, s);
      if (rw) {
        System.arraycopy(xy, 0, v, at, s);
      }
      blockmix(y, xy, r, pwxform);
    }
    shuffleOut(xy, b, bOff, r);
  }

  private static void shuffleIn(int[] b, int bOff, int[] x, int r) {
    for (int k = 0; k < 2 * r; k++) {
      for (int i = 0; i < 16; i++) {
        x[k * 16 + i] = b[bOff + k * 16 + (i * 5 % 16)];
      }
    }
  }

  private static void shuffleOut(int[] x, int[] b, int bOff, int r) {
    for (int k = 0; k < 2 * r; k++) {
      for (int i = 0; i < 16; i++) {
        b[bOff + k * 16 + (i * 5 % 16)] = x[k * 16 + i];
      }
    }
  }

  private static void blockmix(Yescrypt y, int[] xy, int r, boolean pwxform) {
    if (pwxform) {
      blockmixPwxform(y, xy, r);
    } else {
      blockmixSalsa8(y, xy, r);
    }
  }

  /** BlockMix-Salsa20/8 of the {@code 32 r} words at the start of {@code xy}, using the next {@code 32 r} as scratch. */
  private static void blockmixSalsa8(Yescrypt y, int[] xy, int r) {
    int s = 32 * r;
    int[] x = new int[16];
    System.arraycopy(xy, (2 * r - 1) * 16, x, 0, 16);
    for (int i = 0; i < 2 * r; i++) {
      xor(x, 0, xy, i * 16, 16);
      salsa20(y, x, 0, 8);
      System.arraycopy(x, 0, xy, s + i * 16, 16);
    }
    for (int i = 0; i < r; i++) {
      System.arraycopy(xy, s + (2 * i) * 16, xy, i * 16, 16);
    }
    for (int i = 0; i < r; i++) {
      System.arraycopy(xy, s + (2 * i + 1) * 16, xy, (i + r) * 16, 16);
    }
  }

  /** BlockMix-pwxform: pwxform over each 64-byte sub-block in a chain, then Salsa20/2 on the last. */
  private static void blockmixPwxform(Yescrypt y, int[] xy, int r) {
    int r1 = 2 * r; // 128 r bytes in 64-byte pwxform blocks
    int scratch = 32 * r;
    System.arraycopy(xy, (r1 - 1) * 16, xy, scratch, 16);
    for (int i = 0; i < r1; i++) {
      if (r1 > 1) {
        xor(xy, scratch, xy, i * 16, 16);
      }
      y.pwxform(xy, scratch);
      System.arraycopy(xy, scratch, xy, i * 16, 16);
    }
    salsa20(y, xy, (r1 - 1) * 16, 2);
  }

  /** The Salsa20 core with {@code rounds} rounds on 16 shuffled words, in place. */
  static void salsa20(Yescrypt y, int[] b, int off, int rounds) {
    int[] x = y.salsaScratch();
    for (int i = 0; i < 16; i++) {
      x[i * 5 % 16] = b[off + i];
    }
    for (int i = 0; i < rounds; i += 2) {
      x[4] ^= Integer.rotateLeft(x[0] + x[12], 7);
      x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
      x[12] ^= Integer.rotateLeft(x[8] + x[4], 13);
      x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
      x[9] ^= Integer.rotateLeft(x[5] + x[1], 7);
      x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
      x[1] ^= Integer.rotateLeft(x[13] + x[9], 13);
      x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
      x[14] ^= Integer.rotateLeft(x[10] + x[6], 7);
      x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
      x[6] ^= Integer.rotateLeft(x[2] + x[14], 13);
      x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
      x[3] ^= Integer.rotateLeft(x[15] + x[11], 7);
      x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
      x[11] ^= Integer.rotateLeft(x[7] + x[3], 13);
      x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);
      x[1] ^= Integer.rotateLeft(x[0] + x[3], 7);
      x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
      x[3] ^= Integer.rotateLeft(x[2] + x[1], 13);
      x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
      x[6] ^= Integer.rotateLeft(x[5] + x[4], 7);
      x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
      x[4] ^= Integer.rotateLeft(x[7] + x[6], 13);
      x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
      x[11] ^= Integer.rotateLeft(x[10] + x[9], 7);
      x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
      x[9] ^= Integer.rotateLeft(x[8] + x[11], 13);
      x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
      x[12] ^= Integer.rotateLeft(x[15] + x[14], 7);
      x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
      x[14] ^= Integer.rotateLeft(x[13] + x[12], 13);
      x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
    }
    for (int i = 0; i < 16; i++) {
      b[off + i] += x[i * 5 % 16];
    }
  }

  /** The last 64-byte block's first 64-bit word (in shuffled order: words 0 and 13). */
  private static long integerify(int[] x, int r) {
    int at = (2 * r - 1) * 16;
    return ((long) x[at + 13] << 32) | (x[at] & 0xffffffffL);
  }

  /** {@code x} wrapped into {@code [0, i)}: the low bits below i's highest power of two, plus the rest. */
  private static long wrap(long x, long i) {
    long n = Long.highestOneBit(i);
    return (x & (n - 1)) + (i - n);
  }

  private static void xor(int[] dst, int dOff, int[] src, int sOff, int len) {
    for (int i = 0; i < len; i++) {
      dst[dOff + i] ^= src[sOff + i];
    }
  }
}
