package dev.drydock.check.baseline.crypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * yescrypt (and classic scrypt, its {@code flags = 0} mode), the KDF behind the {@code $y$} hashes
 * that Debian 11+, Ubuntu 22.04+ and Fedora 35+ write to {@code /etc/shadow} by default. Written
 * from the algorithm as yescrypt 1.1's reference implementation ({@code yescrypt-ref.c},
 * Openwall) specifies it, with that file's pwxform settings (the only ones libxcrypt accepts:
 * 2-way simple, 4-way gather, 6 rounds, 12 KiB S-boxes); no ROM and no hash upgrades ({@code g}).
 *
 * <p>Why pure Java rather than libcrypt through JNA: the result must not depend on the machine
 * that scans (a scan in an Alpine or distroless container, with no libxcrypt, must check the
 * same accounts as one on Debian, and layer-cache entries are shared between them); the hash
 * string comes from the scanned image, so its parameters are validated and its memory bounded
 * here before anything is allocated, rather than handed to native code that would allocate
 * whatever {@code N} the image asks for; and no native library is loaded into the scanner. The
 * price is speed (about 2-3 times slower than libxcrypt's SIMD code), which the weak-password
 * check budgets for. Tests compare against hashes libxcrypt produced.
 *
 * <p>An instance holds the scratch memory for one parameter set and reuses it across passwords;
 * it is not thread-safe.
 *
 * @see <a href="https://www.openwall.com/yescrypt/">yescrypt</a>
 * @see <a href="https://man7.org/linux/man-pages/man5/crypt.5.html">crypt(5)</a>
 */
final class Yescrypt {

  static final int WORM = 1;
  static final int RW = 2;
  /** RW with the only pwxform flavour libxcrypt implements (ROUNDS_6 | GATHER_4 | SIMPLE_2 | SBOX_12K). */
  static final int RW_DEFAULT_FLAVOR = 0x004 | 0x010 | 0x020 | 0x080;
  static final int RW_FLAVOR_MASK = 0x3fc;
  private static final int PREHASH = 0x10000000;

  private static final int S_WORDS = 3 * 256 * 2 * 2; // three S-boxes of 256 x 2 x 64-bit words
  private static final int SBOX_WORDS = S_WORDS / 3;

  /** Parameters of one hash: {@code flags} (0 = scrypt, 1 = WORM, RW|flavour), N, r, p, t. */
  record Params(int flags, long n, int r, int p, int t) {
    boolean rw() {
      return (flags & RW) != 0;
    }

    /** 32-bit words of scratch memory this parameter set needs (V, B, XY, S). */
    long words() {
      return 32L * r * n + 32L * r * p + 64L * r + (rw() ? (long) S_WORDS * p : 0);
    }
  }

  private final Params params;
  private final int[] v;
  private final int[] b;
  private final int[] xy;
  private final int[] s;
  private final int[] s0 = new int[1];
  private final int[] s1 = new int[1];
  private final int[] s2 = new int[1];
  private final int[] w = new int[1];
  private final int[] salsaX = new int[16];
  private final Mac hmac;

  /** Allocates the scratch memory for {@code p}; the caller has checked {@link Params#words()}. */
  Yescrypt(Params p) {
    this.params = p;
    this.v = new int[Math.toIntExact(32L * p.r() * p.n())];
    this.b = new int[Math.toIntExact(32L * p.r() * p.p())];
    this.xy = new int[64 * p.r()];
    this.s = p.rw() ? new int[S_WORDS * p.p()] : new int[0];
    try {
      this.hmac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** The 32-byte yescrypt hash of {@code password} with {@code salt} (yescrypt's {@code yescrypt_kdf}). */
  byte[] hash(byte[] password, byte[] salt) {
    Params p = params;
    byte[] passwd = password;
    if (p.rw() && p.n() / p.p() >= 0x100 && p.n() / p.p() * p.r() >= 0x20000) {
      passwd = body(passwd, salt, p.flags() | PREHASH, p.n() >> 6, 0);
    }
    return body(passwd, salt, p.flags(), p.n(), p.t());
  }

  private byte[] body(byte[] password, byte[] salt, int flags, long n, int t) {
    int r = params.r();
    int p = params.p();
    byte[] passwd = password;
    if (flags != 0) {
      byte[] key = "yescrypt-prehash".getBytes(StandardCharsets.US_ASCII);
      passwd = hmac(java.util.Arrays.copyOf(key, (flags & PREHASH) != 0 ? 16 : 8), password);
    }
    byte[] bBytes = pbkdf2(passwd, salt, 128 * r * p);
    if (flags != 0) {
      System.arraycopy(bBytes, 0, passwd, 0, 32);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (bBytes[4 * i] & 0xff) | (bBytes[4 * i + 1] & 0xff) << 8 | (bBytes[4 * i + 2] & 0xff) << 16
          | (bBytes[4 * i + 3] & 0xff) << 24;
    }
    if ((flags & RW) != 0) {
      smix(r, n, p, t, flags, passwd);
    } else {
      for (int i = 0; i < p; i++) {
        smixOne(i * 32 * r, r, n, t, flags);
      }
    }
    for (int i = 0; i < b.length; i++) {
      bBytes[4 * i] = (byte) b[i];
      bBytes[4 * i + 1] = (byte) (b[i] >>> 8);
      bBytes[4 * i + 2] = (byte) (b[i] >>> 16);
      bBytes[4 * i + 3] = (byte) (b[i] >>> 24);
    }
    byte[] dk = pbkdf2(passwd, bBytes, 32);
    if (flags != 0 && (flags & PREHASH) == 0) {
      byte[] clientKey = hmac(dk, "Client Key".getBytes(StandardCharsets.US_ASCII));
      try {
        dk = MessageDigest.getInstance("SHA-256").digest(clientKey);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return dk;
  }

  /** Classic scrypt and WORM: one lane at a time, no S-boxes. */
  private void smixOne(int bOff, int r, long n, int t, int flags) {
    long nloopAll = n;
    if (t != 0) {
      if (t == 1) {
        nloopAll += (nloopAll + 1) / 2;
      }
      nloopAll *= t;
    }
    nloopAll = (nloopAll + 1) & ~1L;
    Smix.smix1(this, b, bOff, r, n, false, v, 0, false);
    Smix.smix2(this, b, bOff, r, n, nloopAll, false, v, 0, false);
  }

  /** yescrypt's {@code smix} for the RW mode, lanes 0 .. p-1. */
  private void smix(int r, long n, int p, int t, int flags, byte[] passwd) {
    int s32 = 32 * r;
    long nchunk = n / p;
    long nloopAll = nchunk;
    if (t <= 1) {
      if (t != 0) {
        nloopAll *= 2;
      }
      nloopAll = (nloopAll + 2) / 3;
    } else {
      nloopAll *= t - 1;
    }
    long nloopRw = nloopAll / p;
    nchunk &= ~1L;
    nloopAll = (nloopAll + 1) & ~1L;
    nloopRw = (nloopRw + 1) & ~1L;
    long vchunk = 0;
    for (int i = 0; i < p; i++, vchunk += nchunk) {
      long np = i < p - 1 ? nchunk : n - vchunk;
      int bOff = i * s32;
      // The lane's S-boxes: SMix1 with r = 1 over 96 blocks, written into S.
      Smix.smix1(this, b, bOff, 1, S_WORDS / 32, false, s, i * S_WORDS, false);
      select(i);
      s2[0] = i * S_WORDS;
      s1[0] = s2[0] + SBOX_WORDS;
      s0[0] = s1[0] + SBOX_WORDS;
      w[0] = 0;
      save(i);
      if (i == 0) {
        byte[] key = new byte[64];
        for (int k = 0; k < 16; k++) {
          int word = b[bOff + s32 - 16 + k];
          key[4 * k] = (byte) word;
          key[4 * k + 1] = (byte) (word >>> 8);
          key[4 * k + 2] = (byte) (word >>> 16);
          key[4 * k + 3] = (byte) (word >>> 24);
        }
        System.arraycopy(hmac(key, java.util.Arrays.copyOf(passwd, 32)), 0, passwd, 0, 32);
      }
      long vOff = vchunk * s32;
      Smix.smix1(this, b, bOff, r, np, true, v, Math.toIntExact(vOff), true);
      Smix.smix2(this, b, bOff, r, Long.highestOneBit(np), nloopRw, true, v, Math.toIntExact(vOff), true);
      save(i);
    }
    for (int i = 0; i < p; i++) {
      select(i);
      Smix.smix2(this, b, i * s32, r, n, nloopAll - nloopRw, false, v, 0, true);
      save(i);
    }
  }

  // Per-lane pwxform state (S0, S1, S2 offsets and w), kept across the two loops of smix.
  private int[] laneState;

  private void select(int lane) {
    if (laneState == null) {
      laneState = new int[4 * params.p()];
    }
    s0[0] = laneState[4 * lane];
    s1[0] = laneState[4 * lane + 1];
    s2[0] = laneState[4 * lane + 2];
    w[0] = laneState[4 * lane + 3];
  }

  private void save(int lane) {
    laneState[4 * lane] = s0[0];
    laneState[4 * lane + 1] = s1[0];
    laneState[4 * lane + 2] = s2[0];
    laneState[4 * lane + 3] = w[0];
  }

  int[] xy() {
    return xy;
  }

  int[] salsaScratch() {
    return salsaX;
  }

  /**
   * pwxform on the 16 words of {@code x} at {@code off} with the current lane's S-boxes: six
   * rounds of 64-bit multiply-add-xor over S-box look-ups, writing the middle rounds' results into
   * S2, then rotating the boxes.
   */
  void pwxform(int[] x, int off) {
    int[] sb = s;
    int b0 = s0[0];
    int b1 = s1[0];
    int b2 = s2[0];
    int ww = w[0];
    for (int round = 0; round < 6; round++) {
      for (int j = 0; j < 4; j++) {
        int base = off + 4 * j;
        int p0 = b0 + ((x[base] & 0xff0) >>> 2);
        int p1 = b1 + ((x[base + 1] & 0xff0) >>> 2);
        for (int k = 0; k < 2; k++) {
          long sv0 = ((long) sb[p0 + 2 * k + 1] << 32) | (sb[p0 + 2 * k] & 0xffffffffL);
          long sv1 = ((long) sb[p1 + 2 * k + 1] << 32) | (sb[p1 + 2 * k] & 0xffffffffL);
          long v0 = (x[base + 2 * k + 1] & 0xffffffffL) * (x[base + 2 * k] & 0xffffffffL);
          v0 = (v0 + sv0) ^ sv1;
          x[base + 2 * k] = (int) v0;
          x[base + 2 * k + 1] = (int) (v0 >>> 32);
          if (round != 0 && round != 5) {
            sb[b2 + 2 * ww] = (int) v0;
            sb[b2 + 2 * ww + 1] = (int) (v0 >>> 32);
            ww++;
          }
        }
      }
    }
    s0[0] = b2;
    s1[0] = b0;
    s2[0] = b1;
    w[0] = ww & (256 * 2 - 1);
  }

  private byte[] hmac(byte[] key, byte[] message) {
    try {
      hmac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    return hmac.doFinal(message);
  }

  /** PBKDF2-HMAC-SHA256 with one iteration (RFC 8018), as scrypt uses it. */
  private byte[] pbkdf2(byte[] password, byte[] salt, int length) {
    byte[] out = new byte[length];
    byte[] block = java.util.Arrays.copyOf(salt, salt.length + 4);
    for (int i = 1, off = 0; off < length; i++, off += 32) {
      block[salt.length] = (byte) (i >>> 24);
      block[salt.length + 1] = (byte) (i >>> 16);
      block[salt.length + 2] = (byte) (i >>> 8);
      block[salt.length + 3] = (byte) i;
      byte[] u = hmac(password, block);
      System.arraycopy(u, 0, out, off, Math.min(32, length - off));
    }
    return out;
  }
}
