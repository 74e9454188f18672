package dev.drydock.server.testing;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One of the official Alibaba Cloud clients, unchanged, pointed at a Drydock server on loopback.
 * Each implementation sends a call the way that client does on the wire (signature version,
 * GET or POST, where Action and parameters go), so a test run over all of them checks every
 * client difference the protocol layer must tolerate.
 */
public interface SasClient {

  /** A readable name for test output, e.g. {@code sdk-core V1 GET}. */
  String name();

  /**
   * Calls an Action; query parameters as the client's API takes them (values are strings, or
   * lists, which the clients flatten to {@code Name.N}). Returns the parsed response body.
   *
   * @throws ApiError when the server answered with an error
   */
  JsonNode call(String version, String action, Map<String, Object> query, Map<String, Object> body) throws ApiError;

  default JsonNode call(String action, Map<String, Object> query) throws ApiError {
    return call("2018-12-03", action, query, Map.of());
  }

  /** An error answer as the client reported it. */
  final class ApiError extends Exception {
    private final String code;
    private final int status;

    public ApiError(String code, int status, String message) {
      super(code + " (" + status + "): " + message);
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }
  }
}
