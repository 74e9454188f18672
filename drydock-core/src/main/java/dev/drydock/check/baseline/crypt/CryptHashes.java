package dev.drydock.check.baseline.crypt;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Reads the password field of {@code /etc/shadow} (or {@code /etc/passwd}) and verifies
 * candidate passwords against it, for the schemes of crypt(5) that Linux images use:
 * yescrypt {@code $y$} ({@link Yescrypt}), scrypt {@code $7$}, SHA-crypt {@code $6$}/{@code $5$}
 * and MD5-crypt {@code $1$} (commons-codec), bcrypt {@code $2a$}/{@code $2b$}/{@code $2y$}
 * (BouncyCastle's {@code OpenBSDBCrypt}) and traditional DES crypt (commons-codec).
 *
 * <p>Each hash has a {@link Hash#cost()} per try in work units (about a microsecond of one core of
 * the machines this was measured on), computed from the hash's own parameters so that how much of
 * a password list a check tries is the same on every machine and every run.
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/shadow.5.html">shadow(5)</a>
 * @see <a href="https://man7.org/linux/man-pages/man5/crypt.5.html">crypt(5)</a>
 */
public final class CryptHashes {

  private CryptHashes() {}

  /** What a password field allows. */
  public sealed interface Field permits Empty, Locked, Hash, Unsupported {}

  /** No password at all: whoever can reach a login prompt gets in (where PAM allows {@code nullok}). */
  public record Empty() implements Field {}

  /** No password opens the account ({@code !}, {@code *}, {@code !!}, {@code !$6$…} or another non-hash). */
  public record Locked(String why) implements Field {}

  /** A hash this class can verify candidates against. */
  public record Hash(String scheme, long cost, String text) implements Field {
    /** A verifier with its own scratch memory (yescrypt's may be tens of MiB): create once per account. */
    public Verifier verifier() {
      return CryptHashes.verifier(this);
    }
  }

  /** A hash whose scheme or parameters this class cannot compute; the reason says which. */
  public record Unsupported(String scheme, String reason) implements Field {}

  /** Checks candidate passwords against one hash. Not thread-safe. */
  public interface Verifier {
    boolean matches(String password);
  }

  // Work units per try: microseconds of one core of a 2-core cloud VM (the project's CI machine),
  // measured with the JIT warm: libxcrypt takes about 60 ms for Debian's default yescrypt there.
  static final long DES_COST = 20;
  static final long MD5_COST = 600;
  static final long SHA256_PER_ROUND_MILLI = 400; // thousandths of a unit per round
  static final long SHA512_PER_ROUND_MILLI = 2700;
  static final long BCRYPT_PER_ROUND_MILLI = 166_000; // per one of the 2^cost rounds
  static final long YESCRYPT_PER_BLOCK_MILLI = 630; // per 128-byte block mixed, memory in cache
  /** Above this much scratch memory, blocks come from RAM rather than cache and cost twice as much. */
  static final long YESCRYPT_CACHE_WORDS = (16L << 20) / 4 + (1 << 20);

  private static final Pattern MD5 = Pattern.compile("^\\$1\\$[^$]{0,8}\\$[./0-9A-Za-z]{22}$");
  private static final Pattern SHA = Pattern.compile("^\\$([56])\\$(?:rounds=([0-9]{1,10})\\$)?[^$]{0,16}\\$([./0-9A-Za-z]+)$");
  private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}$");
  private static final Pattern DES = Pattern.compile("^[./0-9A-Za-z]{13}$");

  /** Reads one password field. */
  public static Field parse(String field) {
    if (field.isEmpty()) {
      return new Empty();
    }
    char first = field.charAt(0);
    if (first == '!' || first == '*') {
      return new Locked("locked (" + (first == '!' ? "\"!\"" : "\"*\"") + ")");
    }
    if (first != '$') {
      if (DES.matcher(field).matches()) {
        return new Hash("des", DES_COST, field);
      }
      if (first == '_') {
        return new Unsupported("bsdi", "BSDi extended DES is not implemented");
      }
      return new Locked("not a crypt(3) hash");
    }
    int end = field.indexOf('$', 1);
    String id = end < 0 ? field.substring(1) : field.substring(1, end);
    int comma = id.indexOf(',');
    if (comma >= 0) {
      id = id.substring(0, comma); // Sun MD5's "$md5,rounds=N$"
    }
    switch (id) {
      case "1":
        return MD5.matcher(field).matches() ? new Hash("md5crypt", MD5_COST, field)
            : new Unsupported("md5crypt", "unrecognised $1$ format");
      case "5", "6": {
        Matcher m = SHA.matcher(field);
        int length = id.equals("5") ? 43 : 86;
        if (!m.matches() || m.group(3).length() != length) {
          return new Unsupported("sha" + (id.equals("5") ? 256 : 512) + "crypt", "unrecognised $" + id + "$ format");
        }
        long rounds = m.group(2) == null ? 5000 : Math.max(1000, Math.min(999_999_999L, Long.parseLong(m.group(2))));
        long perRound = id.equals("5") ? SHA256_PER_ROUND_MILLI : SHA512_PER_ROUND_MILLI;
        return new Hash(id.equals("5") ? "sha256crypt" : "sha512crypt", Math.max(1, rounds * perRound / 1000), field);
      }
      case "2a", "2b", "2y": {
        Matcher m = BCRYPT.matcher(field);
        if (!m.matches()) {
          return new Unsupported("bcrypt", "unrecognised $" + id + "$ format");
        }
        int cost = Integer.parseInt(m.group(1));
        if (cost < 4 || cost > 31) {
          return new Unsupported("bcrypt", "cost " + cost + " is outside 4..31");
        }
        return new Hash("bcrypt", Math.max(1, (1L << cost) * BCRYPT_PER_ROUND_MILLI / 1000), field);
      }
      case "y", "7": {
        String scheme = id.equals("y") ? "yescrypt" : "scrypt";
        return switch (YescryptHash.parse(field)) {
          case YescryptHash.Ok ok -> new Hash(scheme, yescryptCost(ok.hash()), field);
          case YescryptHash.Rejected r -> new Unsupported(scheme, r.reason());
        };
      }
      default:
        return new Unsupported(id.isEmpty() ? "unknown" : "$" + id + "$", "hash scheme $" + id + "$ is not implemented");
    }
  }

  private static long yescryptCost(YescryptHash h) {
    long cost = Math.max(1, h.blockWork() * YESCRYPT_PER_BLOCK_MILLI / 1000);
    return h.params().words() > YESCRYPT_CACHE_WORDS ? cost * 2 : cost;
  }

  static Verifier verifier(Hash h) {
    String text = h.text();
    return switch (h.scheme()) {
      case "des" -> p -> UnixCrypt.crypt(p.getBytes(StandardCharsets.UTF_8), text.substring(0, 2)).equals(text);
      case "md5crypt" -> p -> Md5Crypt.md5Crypt(p.getBytes(StandardCharsets.UTF_8), text).equals(text);
      case "sha256crypt" -> p -> Sha2Crypt.sha256Crypt(p.getBytes(StandardCharsets.UTF_8), text).equals(text);
      case "sha512crypt" -> p -> Sha2Crypt.sha512Crypt(p.getBytes(StandardCharsets.UTF_8), text).equals(text);
      case "bcrypt" -> p -> bcrypt(text, p);
      case "yescrypt", "scrypt" -> {
        YescryptHash.Verifier v = ((YescryptHash.Ok) YescryptHash.parse(text)).hash().verifier();
        yield v::matches;
      }
      default -> throw new IllegalArgumentException("no verifier for " + h.scheme());
    };
  }

  private static boolean bcrypt(String text, String password) {
    // BouncyCastle checks "$2y$" and "$2b$" as "$2a$"-compatible; passwords past 72 bytes are cut as bcrypt does.
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 72) {
      return false; // no common password is this long
    }
    return OpenBSDBCrypt.checkPassword(text, bytes);
  }
}
