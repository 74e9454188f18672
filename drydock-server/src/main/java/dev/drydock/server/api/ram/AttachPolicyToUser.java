package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.PolicyType;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/**
 * AttachPolicyToUser: {@code PolicyType}, {@code PolicyName}, {@code UserName}; authorised on the
 * user. Takes effect with the user's next call. Attaching twice is
 * {@code EntityAlreadyExists.User.Policy}.
 */
@Component
public class AttachPolicyToUser extends RamAction {

  private final RamUserStore users;
  private final RamPolicyStore policies;

  public AttachPolicyToUser(RamUserStore users, RamPolicyStore policies) {
    super(Target.USER);
    this.users = users;
    this.policies = policies;
  }


  @Override
  public Object handle(Params params, CallContext context) {
    RamFields.PolicyOnUser t = RamFields.policyOnUser(params, users, context);
    PolicyType type = t.type();
    String name = t.policyName();
    GetPolicy.find(policies, type, name);
    return switch (policies.attach(t.user().id(), type, name)) {
      case ATTACHED -> RamFields.empty();
      case ALREADY -> throw new ApiException(ErrorCode.ENTITY_ALREADY_EXISTS_USER_POLICY,
          "The user has already been attached this policy: " + name);
      case MISSING -> throw new ApiException(ErrorCode.ENTITY_NOT_EXIST_POLICY,
          "The policy does not exist: no " + type + " policy named " + name);
    };
  }
}
