package dev.drydock.server.testing;

import com.aliyun.tea.TeaRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-built RPC requests for the protocol cases no official client can be made to send — an old
 * timestamp, a reused nonce, a body split into chunks at chosen places, an Action only in a
 * header. The signatures are still computed by the official library's signers
 * ({@code com.aliyun.openapiutil.Client.getRPCSignature} for V1, {@code getAuthorization} for V3);
 * only the timestamp, nonce and framing are chosen by the test. Requests are written as literal
 * HTTP/1.1 bytes on a socket and the answer is read back raw (status, headers, body).
 */
public final class RawRpc {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final String host;
  private final int port;
  private final String keyId;
  private final String secret;

  public RawRpc(String endpoint, String keyId, String secret) {
    int colon = endpoint.lastIndexOf(':');
    this.host = endpoint.substring(0, colon);
    this.port = Integer.parseInt(endpoint.substring(colon + 1));
    this.keyId = keyId;
    this.secret = secret;
  }

  /** An answer as it came off the wire; {@code headers} have lower-case names. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  /** A request to write: method, raw query string, headers, body chunks (one chunk: Content-Length). */
  public record Request(String method, String query, Map<String, String> headers, List<byte[]> chunks) {}

  /** Now, in the {@code yyyy-MM-ddTHH:mm:ssZ} form both signatures use. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  public static String nonce() {
    return UUID.randomUUID().toString();
  }

  /**
   * The V1 common parameters plus {@code params}, signed for {@code method}: AccessKeyId, Format,
   * SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, Version, Signature. Action is
   * added only when {@code action} is not null.
   */
  public Map<String, String> signV1(String method, String action, Map<String, String> params, Instant timestamp,
      String nonce) {
    Map<String, String> p = new LinkedHashMap<>();
    if (action != null) {
      p.put("Action", action);
    }
    p.put("Version", "2018-12-03");
    p.put("Format", "JSON");
    p.put("AccessKeyId", keyId);
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureVersion", "1.0");
    p.put("SignatureNonce", nonce);
    p.put("Timestamp", timestamp.toString());
    p.putAll(params);
    try {
      p.put("Signature", com.aliyun.openapiutil.Client.getRPCSignature(p, method, secret));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return p;
  }

  /** A V1 GET with every parameter in the query. */
  public Request v1Get(String action, Map<String, String> params, Instant timestamp, String nonce) {
    return new Request("GET", form(signV1("GET", action, params, timestamp, nonce)), Map.of(), List.of());
  }

  /**
   * A V3 request: headers host, x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce,
   * x-acs-content-sha256 (and content-type with a body), signed by tea's signer, with the query
   * {@code query} and the body {@code body} (form-encoded when not empty).
   */
  public Request v3(String method, String action, Map<String, String> query, String body, Instant date, String nonce) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", host + ":" + port);
    headers.put("x-acs-action", action);
    headers.put("x-acs-version", "2018-12-03");
    headers.put("x-acs-date", date.toString());
    headers.put("x-acs-signature-nonce", nonce);
    headers.put("x-acs-content-sha256", sha256(bytes));
    if (bytes.length > 0) {
      headers.put("content-type", "application/x-www-form-urlencoded");
    }
    TeaRequest req = new TeaRequest();
    req.method = method;
    req.pathname = "/";
    req.headers = headers;
    req.query = new LinkedHashMap<>(query);
    try {
      headers.put("authorization", com.aliyun.openapiutil.Client.getAuthorization(req, "ACS3-HMAC-SHA256",
          sha256(bytes), keyId, secret));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new Request(method, form(query), headers, bytes.length == 0 ? List.of() : List.of(bytes));
  }

  /** {@code k=v&…}, percent-encoded as the official library does. */
  public static String form(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(encode(k) + "=" + encode(v)));
    return String.join("&", parts);
  }

  /** Splits {@code body} into chunks cut at the given offsets. */
  public static List<byte[]> chunks(String body, int... cuts) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      out.add(java.util.Arrays.copyOfRange(b, from, cut));
      from = cut;
    }
    out.add(java.util.Arrays.copyOfRange(b, from, b.length));
    return out;
  }

  /**
   * Writes the request as HTTP/1.1 bytes — {@code Transfer-Encoding: chunked} with one chunk per
   * element when there is more than one — and reads the answer.
   */
  public Response send(Request r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(r.method()).append(" /").append(r.query().isEmpty() ? "" : "?" + r.query())
        .append(" HTTP/1.1\r\n");
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    headers.putIfAbsent("host", host + ":" + port);
    headers.put("connection", "close");
    boolean chunked = r.chunks().size() > 1;
    if (chunked) {
      headers.put("transfer-encoding", "chunked");
    } else if (!r.chunks().isEmpty() || r.method().equals("POST")) {
      headers.put("content-length", String.valueOf(r.chunks().isEmpty() ? 0 : r.chunks().get(0).length));
    }
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    for (byte[] c : r.chunks()) {
      if (chunked) {
        out.write((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(c);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write(c);
      }
    }
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(30_000);
      OutputStream os = s.getOutputStream();
      os.write(out.toByteArray());
      os.flush();
      return read(s.getInputStream());
    }
  }

  private static Response read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (true) {
      int lineEnd = indexOf(b, i);
      int size = Integer.parseInt(new String(b, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(b, lineEnd + 2, size);
      i = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("truncated chunked body");
  }

  private static String encode(String s) {
    try {
      return com.aliyun.openapiutil.Client.percentEncode(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
