package dev.drydock.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature version 1 (HMAC-SHA1) of the RPC API: every parameter of the query and the form body
 * except {@code Signature}, sorted by name, percent-encoded and joined; string to sign
 * {@code METHOD&%2F&encode(canonical)}; key {@code secret + "&"}.
 *
 * <p>Clients disagree on empty-valued parameters (Java tea leaves them out of the string to sign
 * but still sends {@code Name=}; pop-core and sdk-core include them), so a mismatch with them
 * included is retried without them (reference §2.2).
 *
 * @see <a href="https://www.alibabacloud.com/help/doc-detail/50286.html">RPC signature</a>
 */
public final class SignatureV1 {
  private SignatureV1() {}

  /** The result: whether it matched, and the server's string to sign (for the error message). */
  public record Result(boolean matches, String stringToSign) {}

  public static Result verify(String method, Map<String, String> params, String secret, String signature) {
    String withEmpty = stringToSign(method, params, true);
    if (matches(withEmpty, secret, signature)) {
      return new Result(true, withEmpty);
    }
    String withoutEmpty = stringToSign(method, params, false);
    return new Result(!withoutEmpty.equals(withEmpty) && matches(withoutEmpty, secret, signature), withEmpty);
  }

  public static String stringToSign(String method, Map<String, String> params, boolean includeEmpty) {
    TreeMap<String, String> sorted = new TreeMap<>(params);
    sorted.remove("Signature");
    List<String> parts = new ArrayList<>(sorted.size());
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!includeEmpty && e.getValue().isEmpty()) {
        continue;
      }
      parts.add(PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()));
    }
    return method.toUpperCase(java.util.Locale.ROOT) + "&" + PercentEncoding.encode("/") + "&"
        + PercentEncoding.encode(String.join("&", parts));
  }

  /** One Mac per thread: looking the algorithm up among the providers costs more than the HMAC. */
  private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  public static String sign(String stringToSign, String secret) {
    try {
      Mac mac = HMAC_SHA1.get();
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean matches(String stringToSign, String secret, String signature) {
    return MessageDigest.isEqual(sign(stringToSign, secret).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }
}
