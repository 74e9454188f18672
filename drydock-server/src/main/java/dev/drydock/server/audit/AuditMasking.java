package dev.drydock.server.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a call's parameters into what the audit trail may keep: the signing parameters are
 * dropped (the AccessKeyId is a column of its own), every parameter whose name looks secret
 * ({@code AccessKeySecret}, {@code Password}, {@code SecurityToken}, anything with secret,
 * password, passwd, token, credential, private key or authorization in its name, the registry's
 * {@code ExtraParam}, which holds tokens, and a cluster's {@code KubeConfig}, which holds tokens or
 * client keys) is replaced by {@value #MASK}, and long
 * values are cut to {@value #MAX_VALUE} characters. The credentials of URLs
 * ({@code https://user:password@host}) are masked in every value. Matching is by name because values cannot be
 * told apart: a parameter carrying a secret under an innocent name would be kept, so every API
 * that takes a secret must name it so.
 */
public final class AuditMasking {

  public static final String MASK = "******";
  static final int MAX_VALUE = 1024;
  static final int MAX_PARAMS = 100;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> DROPPED = Set.of("signature", "signaturemethod", "signatureversion",
      "signaturenonce", "signaturetype", "timestamp", "accesskeyid", "action", "version", "format");
  private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "pwd", "token",
      "credential", "privatekey", "private_key", "authorization", "extraparam", "kubeconfig");

  private AuditMasking() {}

  /**
   * The parameters as a JSON object with sorted keys, secrets masked; at most {@value #MAX_PARAMS}
   * of them (the first by name), then a key {@code "…"} saying how many more there were — a request
   * of many thousand parameters, even a refused one, must not make a record of megabytes.
   */
  public static String maskedJson(Map<String, String> params) {
    TreeMap<String, String> kept = new TreeMap<>();
    params.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!DROPPED.contains(lower)) {
        kept.put(name, value);
      }
    });
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : kept.entrySet()) {
      if (out.size() == MAX_PARAMS) {
        out.put("…", (kept.size() - MAX_PARAMS) + " more parameters");
        break;
      }
      String name = cut(e.getKey());
      out.put(name, secret(name.toLowerCase(Locale.ROOT)) ? MASK : maskUrlCredentials(cut(e.getValue())));
    }
    return JSON.writeValueAsString(out);
  }

  /** Whether a parameter of this name holds a secret (its value is never kept nor shown). */
  public static boolean isSecretName(String name) {
    return secret(name.toLowerCase(Locale.ROOT));
  }

  static boolean secret(String lowerName) {
    for (String w : SECRET_WORDS) {
      if (lowerName.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} with the user information of every URL in it ({@code scheme://user:password@host})
   * replaced by {@value #MASK}: a URL may carry a password whatever the parameter or message it is
   * in. One pass, linear in the length (no regular expression over hostile text).
   */
  public static String maskUrlCredentials(String text) {
    int at = text.indexOf("://");
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (at >= 0) {
      int start = at + 3;
      int end = start;
      while (end < text.length() && URL_AUTHORITY_END.indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (end < text.length() && text.charAt(end) == '@' && end > start) {
        out.append(text, from, start).append(MASK);
        from = end;
      }
      at = text.indexOf("://", end);
    }
    return out.append(text, from, text.length()).toString();
  }

  /** Characters that end a URL's user information (or show there is none). */
  private static final String URL_AUTHORITY_END = "@/?#\"' \t\r\n<>";

  private static String cut(String value) {
    return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…(" + value.length() + " chars)";
  }
}
