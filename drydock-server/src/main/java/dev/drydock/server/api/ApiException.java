package dev.drydock.server.api;

import java.util.Map;

/**
 * An error answered on the wire as {@code {RequestId, HostId, Code, Message, Recommend}} with
 * its HTTP status. Every failure an Action or the protocol layer reports is one of these; the
 * codes and statuses are those of Alibaba Cloud's RPC gateway and the Sas documentation
 * (reference §2.5, §1.17), mapped to the wire in one place ({@link RpcErrors}).
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final Map<String, Object> extra;

  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  /**
   * An error whose body carries more top-level fields than the usual five, e.g. the
   * {@code AccessDeniedDetail} of a NoPermission answer (clients read it when present).
   */
  public ApiException(ErrorCode code, String message, Map<String, Object> extra) {
    super(message);
    this.code = code;
    this.extra = Map.copyOf(extra);
  }

  public ApiException(ErrorCode code) {
    this(code, code.defaultMessage());
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> extra() {
    return extra;
  }

  public static ApiException missing(String parameter) {
    return new ApiException(ErrorCode.MISSING_PARAMETER,
        "The input parameter \"" + parameter + "\" that is mandatory for processing this request is not supplied.");
  }

  public static ApiException invalid(String parameter, String why) {
    return new ApiException(ErrorCode.INVALID_PARAMETER,
        "The specified parameter \"" + parameter + "\" is not valid: " + why);
  }
}
