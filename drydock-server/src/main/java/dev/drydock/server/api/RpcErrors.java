package dev.drydock.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place errors become wire responses: {@code {RequestId, HostId, Code, Message,
 * Recommend}} with the code's HTTP status (reference §2.5).
 */
final class RpcErrors {
  private RpcErrors() {}

  static Map<String, Object> body(ApiException e, String requestId, String hostId, String product) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("RequestId", requestId);
    m.put("HostId", hostId);
    m.put("Code", e.code().code());
    m.put("Message", e.getMessage());
    m.put("Recommend", "https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q="
        + URLEncoder.encode(e.code().code(), StandardCharsets.UTF_8) + "&product=" + product + "&requestId=" + requestId);
    e.extra().forEach(m::putIfAbsent);
    return m;
  }
}
