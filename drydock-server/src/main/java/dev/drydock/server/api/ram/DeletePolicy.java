package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamPolicyStore;
import org.springframework.stereotype.Component;

/**
 * DeletePolicy: {@code PolicyName} of a custom policy ({@code CascadingDelete} is accepted and
 * changes nothing: a policy has one version). A policy still attached to a user is
 * {@code DeleteConflict.Policy.User}; system policies cannot be deleted.
 */
@Component
public class DeletePolicy extends RamAction {

  private final RamPolicyStore policies;

  public DeletePolicy(RamPolicyStore policies) {
    super(Target.POLICY);
    this.policies = policies;
  }


  @Override
  public Object handle(Params params, CallContext context) {
    String name = RamFields.policyName(params);
    params.bool("CascadingDelete");
    return switch (policies.deleteCustom(name)) {
      case DELETED -> RamFields.empty();
      case NOT_FOUND -> throw new ApiException(ErrorCode.ENTITY_NOT_EXIST_POLICY,
          "The policy does not exist: no Custom policy named " + name + " (system policies cannot be deleted)");
      case ATTACHED -> throw new ApiException(ErrorCode.DELETE_CONFLICT_POLICY_USER);
    };
  }
}
