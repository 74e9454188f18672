package dev.drydock.server.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One RPC call as it arrived, before authentication: what signature verification needs (method,
 * query parameters and form parameters apart, raw body, headers) and what Actions need (the
 * merged parameters).
 *
 * @param query decoded query parameters in arrival order
 * @param form decoded {@code application/x-www-form-urlencoded} body parameters
 * @param body the raw body (for V3's {@code x-acs-content-sha256})
 * @param headers lower-cased header names
 * @param sourceIp the client address
 * @param secure whether the call came over TLS
 */
public record RpcRequest(
    String method,
    Map<String, String> query,
    Map<String, String> form,
    byte[] body,
    Map<String, List<String>> headers,
    String sourceIp,
    boolean secure) {

  public @Nullable String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** A parameter from the query, else the form body. */
  public Optional<String> param(String name) {
    String v = query.get(name);
    if (v == null) {
      v = form.get(name);
    }
    return Optional.ofNullable(v);
  }

  /** The Action: the {@code Action} parameter, else the {@code x-acs-action} header (V3 clients send only that). */
  public @Nullable String action() {
    return param("Action").orElse(header("x-acs-action"));
  }

  public @Nullable String version() {
    return param("Version").orElse(header("x-acs-version"));
  }
}
