package dev.drydock.server.api;

/** The error codes Drydock answers with, their HTTP status and default message. */
public enum ErrorCode {
  MISSING_PARAMETER("MissingParameter", 400, "A mandatory parameter is missing."),
  INVALID_PARAMETER("InvalidParameter", 400, "A parameter is not valid."),
  INVALID_API("InvalidApi.NotFound", 404, "Specified api is not found, please check your url and method."),
  INVALID_VERSION("InvalidVersion", 400, "Specified parameter Version is not valid."),
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "The request signature does not conform to Aliyun standards."),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 400, "Specified signature is not matched with our calculation."),
  ACCESS_KEY_NOT_FOUND("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."),
  ACCESS_KEY_INACTIVE("InvalidAccessKeyId.Inactive", 400, "Specified access key is disabled."),
  TIMESTAMP_EXPIRED("InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired."),
  TIMESTAMP_FORMAT("InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted."),
  NONCE_USED("SignatureNonceUsed", 400, "Specified signature nonce was used already."),
  NO_PERMISSION("NoPermission", 403, "caller has no permission"),
  THROTTLING("Throttling.User", 400, "Request was denied due to user flow control."),
  TASK_NUM_EMPTY("TaskNumEmpty", 400, "Create task quantity is empty."),
  BEYOND_QUOTA("BeyondQuata", 400, "Please check the scan quota"),
  TASK_LIMIT("TaskNumLimit", 400, "Too many unfinished image scan tasks."),
  NOT_FOUND("InvalidParameter.NotFound", 404, "The specified resource does not exist."),
  SERVER_ERROR("ServerError", 500, "ServerError"),
  // RAM (2015-05-01), from RAM's error-message reference
  MALFORMED_POLICY("MalformedPolicyDocument", 400, "The policy document is malformed."),
  ENTITY_NOT_EXIST_USER("EntityNotExist.User", 404, "The user does not exist."),
  ENTITY_NOT_EXIST_ACCESS_KEY("EntityNotExist.User.AccessKey", 404, "The user access key does not exist."),
  ENTITY_NOT_EXIST_USER_POLICY("EntityNotExist.User.Policy", 404, "The indicate policy of the user does not exist."),
  ENTITY_NOT_EXIST_POLICY("EntityNotExist.Policy", 404, "The policy does not exist."),
  ENTITY_ALREADY_EXISTS_USER("EntityAlreadyExists.User", 409, "The user does already EXIST."),
  ENTITY_ALREADY_EXISTS_USER_POLICY("EntityAlreadyExists.User.Policy", 409,
      "The user has already been attached this policy."),
  ENTITY_ALREADY_EXISTS_POLICY("EntityAlreadyExists.Policy", 409, "The policy does already EXIST."),
  DELETE_CONFLICT_USER_ACCESS_KEY("DeleteConflict.User.AccessKey", 409,
      "The user CAN NOT has any access key while deleting the user."),
  DELETE_CONFLICT_USER_POLICY("DeleteConflict.User.Policy", 409,
      "The user CAN NOT has any attached policy while deleting the user."),
  DELETE_CONFLICT_POLICY_USER("DeleteConflict.Policy.User", 409,
      "The policy CAN NOT been attached to any user while deleting the policy.");

  private final String code;
  private final int status;
  private final String defaultMessage;

  ErrorCode(String code, int status, String defaultMessage) {
    this.code = code;
    this.status = status;
    this.defaultMessage = defaultMessage;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
