package dev.drydock.server.api.ram;

import dev.drydock.server.api.Action;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;

/**
 * An operation of RAM's API: version 2015-05-01, authorised as {@code ram:<Action>} on the user
 * or policy it acts on ({@link Target}).
 */
abstract class RamAction implements Action {

  static final String VERSION = "2015-05-01";

  /** What an operation is authorised on. */
  enum Target {
    /** {@code acs:ram:*:*:user/<UserName>}. */
    USER,
    /** The user of an AccessKey operation: {@code UserName}, else the caller. */
    KEY_OWNER,
    /** {@code acs:ram:*:*:user/*}. */
    ALL_USERS,
    /** {@code acs:ram:*:*:policy/<PolicyName>}. */
    POLICY,
    /** {@code acs:ram:*:*:policy/*}. */
    ALL_POLICIES
  }

  private final Target target;

  RamAction(Target target) {
    this.target = target;
  }

  @Override
  public final String name() {
    return getClass().getSimpleName();
  }

  @Override
  public final String version() {
    return VERSION;
  }

  @Override
  public final String ramAction() {
    return "ram:" + name();
  }

  @Override
  public final String ramResource(Params params, CallContext context) {
    return switch (target) {
      case USER -> RamFields.userArn(params.string("UserName").orElse("*"));
      case KEY_OWNER -> RamFields.userArn(RamFields.keyOwner(params, context));
      case ALL_USERS -> RamFields.userArn("*");
      case POLICY -> RamFields.policyArn(params.string("PolicyName").orElse("*"));
      case ALL_POLICIES -> RamFields.policyArn("*");
    };
  }
}
