package dev.drydock.server.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The percent-encoding both Alibaba Cloud signature versions canonicalise with: UTF-8, only
 * {@code A-Z a-z 0-9 - _ . ~} left literal, space as {@code %20}, {@code *} as {@code %2A}.
 */
final class PercentEncoding {
  private PercentEncoding() {}

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }
}
