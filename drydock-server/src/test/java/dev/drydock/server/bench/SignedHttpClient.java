package dev.drydock.server.bench;

import dev.drydock.server.auth.SignatureV1;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark's load client: one keep-alive HTTP/1.1 connection sending signature V1 GET
 * requests exactly as the official V1 clients build them (every request a fresh
 * {@code SignatureNonce} and the current {@code Timestamp}, HMAC-SHA1 over the sorted, encoded
 * parameters). Written by hand so that the client spends little of the shared CPU: no pooling,
 * no header maps, only what is needed to read a {@code Content-Length} answer. Not thread-safe.
 */
final class SignedHttpClient implements AutoCloseable {

  private final String host;
  private final int port;
  private final String keyId;
  private final String secret;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private byte[] body = new byte[64 * 1024];
  private int bodyLength;

  SignedHttpClient(String host, int port, String keyId, String secret) throws IOException {
    this.host = host;
    this.port = port;
    this.keyId = keyId;
    this.secret = secret;
    connect();
  }

  private void connect() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  /** Signs and sends one call; returns the HTTP status. */
  int call(String action, Map<String, String> business) throws IOException {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", keyId);
    p.put("Action", action);
    p.put("Format", "JSON");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", UUID.randomUUID().toString());
    p.put("SignatureVersion", "1.0");
    p.put("Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    p.put("Version", "2018-12-03");
    p.putAll(business);
    p.put("Signature", SignatureV1.sign(SignatureV1.stringToSign("GET", p, true), secret));
    StringBuilder req = new StringBuilder(512).append("GET /?");
    boolean first = true;
    for (Map.Entry<String, String> e : p.entrySet()) {
      req.append(first ? "" : "&").append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      first = false;
    }
    req.append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n\r\n");
    out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return readResponse();
  }

  /** The body of the last answer. */
  String lastBody() {
    return new String(body, 0, bodyLength, StandardCharsets.UTF_8);
  }

  private int readResponse() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon);
      if (name.equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      } else if (name.equalsIgnoreCase("connection") && h.substring(colon + 1).trim().equalsIgnoreCase("close")) {
        close = true;
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        throw new IOException("chunked answers are not expected: " + h);
      }
    }
    if (length < 0) {
      throw new IOException("answer without Content-Length");
    }
    if (body.length < length) {
      body = new byte[length];
    }
    int read = in.readNBytes(body, 0, length);
    if (read != length) {
      throw new IOException("connection closed in the body");
    }
    bodyLength = length;
    if (close) {
      socket.close();
      connect();
    }
    return code;
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
