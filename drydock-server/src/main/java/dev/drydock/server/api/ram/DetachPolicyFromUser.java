package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.PolicyType;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/**
 * DetachPolicyFromUser: {@code PolicyType}, {@code PolicyName}, {@code UserName}; a policy the
 * user does not have is {@code EntityNotExist.User.Policy}.
 */
@Component
public class DetachPolicyFromUser extends RamAction {

  private final RamUserStore users;
  private final RamPolicyStore policies;

  public DetachPolicyFromUser(RamUserStore users, RamPolicyStore policies) {
    this.users = users;
    this.policies = policies;
  }

  @Override
  public String ramResource(Params params, CallContext context) {
    return RamFields.userArn(params, "UserName");
  }

  @Override
  public Object handle(Params params, CallContext context) {
    PolicyType type = RamFields.policyType(params);
    String name = RamFields.policyName(params);
    RamUser user = RamFields.user(users, RamFields.userName(params, "UserName"));
    RamFields.requireManageable(user, users, context);
    if (!policies.detach(user.id(), type, name)) {
      throw new ApiException(ErrorCode.ENTITY_NOT_EXIST_USER_POLICY,
          "The indicate policy of the user does not exist: " + user.userName() + " has no " + type + " policy " + name);
    }
    return RamFields.empty();
  }
}
