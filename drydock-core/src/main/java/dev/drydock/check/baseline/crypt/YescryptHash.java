package dev.drydock.check.baseline.crypt;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A {@code $y$} (yescrypt) or {@code $7$} (scrypt) hash string, parsed as libxcrypt's
 * {@code yescrypt_r} parses it: {@code $y$<params>$<salt>$<hash>} with the parameters as
 * variable-length base-64 integers (flavour, log2 N, r, then optional p, t, g, NROM), or
 * {@code $7$<log2 N><r:5><p:5><salt>$<hash>} with a raw salt.
 *
 * @param text the full hash string
 * @param params the KDF parameters
 * @param salt the salt as the KDF sees it (decoded for {@code $y$}, raw for {@code $7$})
 * @param hash the 43-character encoded hash the string ends with
 */
record YescryptHash(String text, Yescrypt.Params params, byte[] salt, String hash) {

  /**
   * The largest scratch memory (in 32-bit words) a hash may ask for: 128 MiB, what libxcrypt's
   * yescrypt cost 8 uses (Debian's default, cost 5, uses 16 MiB), plus room for the small buffers.
   */
  static final long MAX_WORDS = (129L << 20) / 4;

  /** Either a parsed hash or why it is not one this implementation can compute. */
  sealed interface Parsed permits Ok, Rejected {}

  record Ok(YescryptHash hash) implements Parsed {}

  record Rejected(String reason) implements Parsed {}

  static Parsed parse(String text) {
    int last = text.lastIndexOf('$');
    if (last < 0 || text.length() - last - 1 != 43 || !isBase64(text, last + 1, text.length())) {
      return new Rejected("malformed hash");
    }
    String hash = text.substring(last + 1);
    if (text.startsWith("$7$")) {
      return parseScrypt(text, last, hash);
    }
    Crypt64.Cursor c = new Crypt64.Cursor(text, 3);
    long flavor = Crypt64.uint32(c, 0);
    long nLog2 = Crypt64.uint32(c, 1);
    long r = Crypt64.uint32(c, 1);
    if (flavor < 0 || nLog2 < 0 || nLog2 > 63 || r < 0) {
      return new Rejected("malformed parameters");
    }
    int flags;
    if (flavor < Yescrypt.RW) {
      flags = (int) flavor;
    } else if (flavor <= Yescrypt.RW + (Yescrypt.RW_FLAVOR_MASK >> 2)) {
      flags = Yescrypt.RW + (int) ((flavor - Yescrypt.RW) << 2);
    } else {
      return new Rejected("unknown flavour " + flavor);
    }
    long p = 1;
    long t = 0;
    if (c.peek() != '$') {
      long have = Crypt64.uint32(c, 1);
      if (have < 0) {
        return new Rejected("malformed parameters");
      }
      if ((have & 1) != 0) {
        p = Crypt64.uint32(c, 2);
      }
      if ((have & 2) != 0) {
        t = Crypt64.uint32(c, 1);
      }
      if ((have & 4) != 0) {
        return new Rejected("hash upgrades (g) are not supported by libxcrypt either");
      }
      if ((have & 8) != 0) {
        return new Rejected("needs a ROM (NROM), which no shadow hash can have");
      }
      if (p < 0 || t < 0) {
        return new Rejected("malformed parameters");
      }
    }
    if (c.peek() != '$' || c.pos >= last) {
      return new Rejected("malformed parameters");
    }
    byte[] salt = Crypt64.decode(text.substring(c.pos + 1, last), 64);
    if (salt == null) {
      return new Rejected("malformed salt");
    }
    return validate(text, flags, 1L << nLog2, r, p, t, salt, hash);
  }

  private static Parsed parseScrypt(String text, int last, String hash) {
    // $7$ + one character log2(N) + five characters r + five characters p (30-bit little-endian).
    if (text.length() < 3 + 11 || last < 14) {
      return new Rejected("malformed parameters");
    }
    int nLog2 = Crypt64.value(text.charAt(3));
    long r = fixed30(text, 4);
    long p = fixed30(text, 9);
    if (nLog2 < 1 || r < 0 || p < 0) {
      return new Rejected("malformed parameters");
    }
    byte[] salt = text.substring(14, last).getBytes(StandardCharsets.ISO_8859_1);
    return validate(text, 0, 1L << nLog2, r, p, 0, salt, hash);
  }

  private static long fixed30(String s, int at) {
    long v = 0;
    for (int i = 0; i < 5; i++) {
      int c = Crypt64.value(s.charAt(at + i));
      if (c < 0) {
        return -1;
      }
      v |= (long) c << (6 * i);
    }
    return v;
  }

  /** The checks of yescrypt's {@code yescrypt_kdf_body}, plus this scanner's memory bound. */
  private static Parsed validate(String text, int flags, long n, long r, long p, long t, byte[] salt, String hash) {
    int mode = flags & 3;
    if (mode == 0 && (flags != 0 || t != 0) || mode == Yescrypt.WORM && flags != Yescrypt.WORM) {
      return new Rejected("invalid flags");
    }
    if (mode == Yescrypt.RW && (flags & Yescrypt.RW_FLAVOR_MASK) != Yescrypt.RW_DEFAULT_FLAVOR) {
      return new Rejected("pwxform flavour " + Integer.toHexString(flags) + " is not implemented by libxcrypt");
    }
    if (mode == 3) {
      return new Rejected("invalid flags");
    }
    if (n <= 1 || r < 1 || p < 1 || r * p >= 1 << 30 || mode == Yescrypt.RW && n / p <= 1 || t > 0xffff) {
      return new Rejected("invalid parameters N=" + n + " r=" + r + " p=" + p);
    }
    Yescrypt.Params params = new Yescrypt.Params(flags, n, (int) r, (int) p, (int) t);
    if (r > MAX_WORDS || n > MAX_WORDS || params.words() > MAX_WORDS) {
      return new Rejected("needs " + (32L * r * n * 4 >> 20) + " MiB per try, more than the "
          + (MAX_WORDS * 4 >> 20) + " MiB this check allows");
    }
    return new Ok(new YescryptHash(text, params, salt, hash));
  }

  private static boolean isBase64(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Crypt64.value(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Blocks mixed per try, times r: the work unit the cost model counts. */
  long blockWork() {
    long n = params.n();
    long loops;
    if (params.rw()) {
      long extra = params.t() <= 1 ? (params.t() == 0 ? n / 3 : 2 * n / 3) : n * (params.t() - 1);
      loops = n + extra + (n / params.p() >= 0x100 && n / params.p() * params.r() >= 0x20000 ? (n >> 6) * 4 / 3 : 0);
    } else {
      long t = params.t();
      loops = n + (t == 0 ? n : t == 1 ? n + (n + 1) / 2 : n * t);
      loops *= params.p();
    }
    return loops * params.r();
  }

  /** A verifier with its own scratch memory. */
  Verifier verifier() {
    Yescrypt kdf = new Yescrypt(params);
    return password -> {
      byte[] out = kdf.hash(password.getBytes(StandardCharsets.UTF_8), salt);
      return Crypt64.encode(out).equals(hash);
    };
  }

  /** Checks one password. */
  interface Verifier {
    boolean matches(String password);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof YescryptHash h && h.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "YescryptHash[" + params + "]";
  }
}
