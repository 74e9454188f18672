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
 * values are cut to {@value #MAX_VALUE} characters. Matching is by name because values cannot be
 * told apart: a parameter carrying a secret under an innocent name would be kept, so every API
 * that takes a secret must name it so.
 */
public final class AuditMasking {

  public static final String MASK = "******";
  static final int MAX_VALUE = 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> DROPPED = Set.of("signature", "signaturemethod", "signatureversion",
      "signaturenonce", "signaturetype", "timestamp", "accesskeyid", "action", "version", "format");
  private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "pwd", "token",
      "credential", "privatekey", "private_key", "authorization", "extraparam", "kubeconfig");

  private AuditMasking() {}

  /** The parameters as a JSON object with sorted keys, secrets masked. */
  public static String maskedJson(Map<String, String> params) {
    TreeMap<String, String> out = new TreeMap<>();
    params.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (DROPPED.contains(lower)) {
        return;
      }
      out.put(name, secret(lower) ? MASK : cut(value));
    });
    return JSON.writeValueAsString(out);
  }

  static boolean secret(String lowerName) {
    for (String w : SECRET_WORDS) {
      if (lowerName.contains(w)) {
        return true;
      }
    }
    return false;
  }

  private static String cut(String value) {
    return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…(" + value.length() + " chars)";
  }
}
