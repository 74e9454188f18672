package dev.drydock.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a servlet request into an {@link RpcRequest}: the raw query string and the raw body are
 * parsed here (not by the servlet container), so that signatures see exactly the parameters the
 * client sent. Decoding treats {@code +} as a space, as the Java clients encode spaces that way.
 * Chunked bodies arrive de-chunked from the container. A JSON object body (tea with
 * {@code reqBodyType=json}) contributes its top-level fields, arrays flattened to {@code Name.N}.
 * A parameter (name or value) containing U+0000 is refused as InvalidParameter before anything
 * else looks at the call.
 */
public final class RpcRequestReader {

  static final int MAX_BODY = 4 << 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RpcRequestReader() {}

  static RpcRequest read(HttpServletRequest req) throws IOException {
    byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw ApiException.invalid("body", "larger than " + MAX_BODY + " bytes");
    }
    Map<String, String> query = parseForm(req.getQueryString() == null ? "" : req.getQueryString(), "query");
    Map<String, String> form = Map.of();
    String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded") && body.length > 0) {
      form = parseForm(new String(body, StandardCharsets.UTF_8), "form body");
    } else if (type.startsWith("application/json") && body.length > 0) {
      form = flattenJson(body);
    }
    refuseNul(query);
    refuseNul(form);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), Collections.list(req.getHeaders(name)));
    }
    return new RpcRequest(req.getMethod(), query, form, body, headers, req.getRemoteAddr(), req.isSecure());
  }

  /**
   * Decodes {@code k=v&k2=v2} (a raw query string or form body): {@code %XX} as UTF-8, {@code +}
   * as a space; a key without {@code =} gets the empty value; a later duplicate key wins.
   *
   * @param where what is decoded, named in the InvalidParameter error of malformed percent-encoding
   */
  public static Map<String, String> parseForm(String raw, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.put(k, v);
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(where, "malformed percent-encoding in \"" + pair + "\"");
      }
    }
    return out;
  }

  /**
   * Refuses a parameter holding U+0000: no value of the API has one, PostgreSQL cannot store or
   * compare text with it (the call would fail as a ServerError, and its audit record with the
   * records written beside it), and C-based tools downstream would cut the value there.
   */
  private static void refuseNul(Map<String, String> params) {
    params.forEach((k, v) -> {
      if (k.indexOf('\0') >= 0 || v.indexOf('\0') >= 0) {
        throw ApiException.invalid(k.replace("\0", "\\0"), "contains a NUL character (%00)");
      }
    });
  }

  private static Map<String, String> flattenJson(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (RuntimeException e) {
      throw ApiException.invalid("body", "not valid JSON");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null || !root.isObject()) {
      return out;
    }
    for (var e : root.properties()) {
      JsonNode v = e.getValue();
      if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(x -> items.add(x.isValueNode() ? x.asString() : x.toString()));
        for (int i = 0; i < items.size(); i++) {
          out.put(e.getKey() + "." + (i + 1), items.get(i));
        }
      } else if (v.isValueNode()) {
        out.put(e.getKey(), v.asString());
      } else {
        out.put(e.getKey(), v.toString());
      }
    }
    return out;
  }
}
