package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.RamUserStore;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ListPoliciesForUser: {@code UserName} → {@code Policies.Policy[]{PolicyName, PolicyType,
 * Description, DefaultVersion, AttachDate}}.
 */
@Component
public class ListPoliciesForUser extends RamAction {

  private final RamUserStore users;
  private final RamPolicyStore policies;

  public ListPoliciesForUser(RamUserStore users, RamPolicyStore policies) {
    super(Target.USER);
    this.users = users;
    this.policies = policies;
  }

  record Entry(String policyName, String policyType, @Nullable String description, String defaultVersion,
      String attachDate) {}

  record Policies(List<Entry> policy) {}

  record Response(Policies policies) {}


  @Override
  public Object handle(Params params, CallContext context) {
    String userId = RamFields.user(users, RamFields.userName(params, "UserName")).id();
    return new Response(new Policies(policies.attachedTo(userId).stream()
        .map(a -> new Entry(a.policy().name(), a.policy().type().name(), a.policy().description(),
            a.policy().defaultVersion(), RamFields.date(a.attachedAt())))
        .toList()));
  }
}
