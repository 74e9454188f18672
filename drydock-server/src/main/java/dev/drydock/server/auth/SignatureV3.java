package dev.drydock.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signature version 3 ({@code ACS3-HMAC-SHA256}). The canonical request is rebuilt from what the
 * client actually sent: the headers it lists in {@code SignedHeaders} (clients differ: tea signs
 * {@code host}, sdk-core does not; some add {@code x-acs-credentials-provider}), the query
 * parameters sorted and percent-encoded (empty values as {@code k=}), and the body hash. The
 * {@code Authorization} fields are parsed in any order (reference §2.3).
 *
 * @see <a href="https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature">V3 signature</a>
 */
public final class SignatureV3 {
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  private SignatureV3() {}

  /** The parsed {@code Authorization} header. */
  public record Authorization(String accessKeyId, List<String> signedHeaders, String signature) {}

  /** Parses {@code ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…}; empty if malformed. */
  public static Optional<Authorization> parse(@Nullable String header) {
    if (header == null || !header.startsWith(ALGORITHM + " ")) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    String cred = fields.get("Credential");
    String signed = fields.get("SignedHeaders");
    String sig = fields.get("Signature");
    if (cred == null || cred.isEmpty() || signed == null || signed.isEmpty() || sig == null || sig.isEmpty()) {
      return Optional.empty();
    }
    List<String> headers = new ArrayList<>();
    for (String h : signed.split(";")) {
      headers.add(h.trim().toLowerCase(Locale.ROOT));
    }
    return Optional.of(new Authorization(cred, headers, sig.toLowerCase(Locale.ROOT)));
  }

  public static String canonicalRequest(String method, Map<String, String> query, List<String> signedHeaders,
      Function<String, @Nullable String> header, String payloadHash) {
    TreeMap<String, String> sortedQuery = new TreeMap<>();
    query.forEach((k, v) -> sortedQuery.put(PercentEncoding.encode(k), PercentEncoding.encode(v)));
    List<String> q = new ArrayList<>();
    sortedQuery.forEach((k, v) -> q.add(k + "=" + v));
    List<String> names = new ArrayList<>(signedHeaders);
    names.sort(null);
    StringBuilder headers = new StringBuilder();
    for (String h : names) {
      String v = header.apply(h);
      headers.append(h).append(':').append(v == null ? "" : v.trim()).append('\n');
    }
    return method.toUpperCase(Locale.ROOT) + "\n/\n" + String.join("&", q) + "\n" + headers + "\n"
        + String.join(";", names) + "\n" + payloadHash;
  }

  public static String stringToSign(String canonicalRequest) {
    return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** One Mac and one digest per thread: looking the algorithms up costs more than using them. */
  private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  public static String sign(String stringToSign, String secret) {
    try {
      Mac mac = HMAC_SHA256.get();
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean matches(String stringToSign, String secret, String signature) {
    return MessageDigest.isEqual(sign(stringToSign, secret).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(SHA256.get().digest(bytes));
  }
}
