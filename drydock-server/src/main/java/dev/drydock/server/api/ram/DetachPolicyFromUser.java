package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamPolicyStore;
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
    super(Target.USER);
    this.users = users;
    this.policies = policies;
  }


  @Override
  public Object handle(Params params, CallContext context) {
    RamFields.PolicyOnUser t = RamFields.policyOnUser(params, users, context);
    if (!policies.detach(t.user().id(), t.type(), t.policyName())) {
      throw new ApiException(ErrorCode.ENTITY_NOT_EXIST_USER_POLICY, "The indicate policy of the user does not exist: "
          + t.user().userName() + " has no " + t.type() + " policy " + t.policyName());
    }
    return RamFields.empty();
  }
}
