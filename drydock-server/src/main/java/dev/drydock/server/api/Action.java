package dev.drydock.server.api;

/**
 * One API operation. Implementations are Spring beans named after the operation (one class per
 * Action, named exactly as the API); the dispatcher finds them by {@link #version()} and
 * {@link #name()}.
 *
 * <p>{@link #handle} returns the response body without {@code RequestId} (the dispatcher adds it),
 * typically a record whose lower-camel components the API mapper writes in UpperCamelCase
 * ({@code imageRiskList} → {@code ImageRiskList}). Failures are {@link ApiException}s.
 */
public interface Action {

  /** The operation name, e.g. {@code ListImageRisk}. */
  String name();

  /** The API version, e.g. {@code 2018-12-03}. */
  String version();

  /** The RAM action authorised before the call, e.g. {@code yundun-sas:ListImageRisk}. */
  default String ramAction() {
    return "yundun-sas:" + name();
  }

  /**
   * The resource the RAM action is authorised on. Security Center's operations have no
   * resource-level permissions ("All Resources": policies name them {@code *}); RAM's own name the
   * user or policy they act on ({@code acs:ram:*:*:user/alice}).
   */
  default String ramResource(Params params, CallContext context) {
    return "*";
  }

  Object handle(Params params, CallContext context);
}
