package dev.drydock.server.inventory.cluster;

import java.net.URI;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How to reach and authenticate to a cluster's API server: the secret part of a registration,
 * stored as one JSON document encrypted under the master key ({@link #toJson} / {@link #fromJson}).
 * Certificate and key values are base64-encoded PEM, as kubeconfig's {@code *-data} fields hold
 * them. Either a bearer token or a client certificate and key authenticate (both may be given).
 *
 * <p>Only inline data: a registration never names files on the server, so an API caller cannot make
 * the server read its own files. {@link #toString} never shows the token or the key.
 */
public record ClusterAccess(String server, @Nullable String caCertData, @Nullable String token,
    @Nullable String clientCertData, @Nullable String clientKeyData, boolean insecureSkipTlsVerify) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public ClusterAccess {
    URI uri;
    try {
      uri = URI.create(server.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the API server is not a URL: \"" + shown(server) + "\"");
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the API server must be an http(s)://host[:port] URL"
          + (uri.getRawUserInfo() != null ? " without user information" : "") + ", got \"" + shown(server) + "\"");
    }
    server = server.trim();
    caCertData = blankToNull(caCertData);
    token = blankToNull(token);
    clientCertData = blankToNull(clientCertData);
    clientKeyData = blankToNull(clientKeyData);
    if (token == null && (clientCertData == null || clientKeyData == null)) {
      throw new IllegalArgumentException("no credentials: give a bearer token or a client certificate and key");
    }
    if ((clientCertData == null) != (clientKeyData == null)) {
      throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
    }
    for (String pem : new String[] {caCertData, clientCertData, clientKeyData}) {
      if (pem != null && !decodesToPem(pem)) {
        throw new IllegalArgumentException("certificate and key data must be base64-encoded PEM");
      }
    }
  }

  /** Base64 of a PEM text, as {@link #caCertData} holds it. */
  public static String pemData(String pem) {
    return Base64.getEncoder().encodeToString(pem.trim().concat("\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public String toJson() {
    return JSON.writeValueAsString(this);
  }

  public static ClusterAccess fromJson(String json) {
    return JSON.readValue(json, ClusterAccess.class);
  }

  /** The URL as messages may quote it: credentials masked, at most 200 characters. */
  private static String shown(String url) {
    String s = dev.drydock.server.audit.AuditMasking.maskUrlCredentials(url);
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static boolean decodesToPem(String data) {
    try {
      String text = new String(Base64.getMimeDecoder().decode(data), java.nio.charset.StandardCharsets.UTF_8);
      return text.contains("-----BEGIN ");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "ClusterAccess[server=" + server + ", token=" + (token == null ? "none" : "******") + ", clientCert="
        + (clientCertData == null ? "none" : "yes") + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify + "]";
  }
}
