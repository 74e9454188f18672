package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.PolicyType;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.StoredPolicy;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ListPolicies: {@code PolicyType} (System | Custom; default both), {@code Marker},
 * {@code MaxItems} (1–1000, default 100) → {@code IsTruncated}, {@code Marker},
 * {@code Policies.Policy[]}.
 */
@Component
public class ListPolicies extends RamAction {

  private final RamPolicyStore policies;

  public ListPolicies(RamPolicyStore policies) {
    super(Target.ALL_POLICIES);
    this.policies = policies;
  }

  record Policies(List<RamFields.PolicyInfo> policy) {}

  record Response(boolean isTruncated, @Nullable String marker, Policies policies) {}


  @Override
  public Object handle(Params params, CallContext context) {
    Optional<PolicyType> type = params.string("PolicyType").isPresent() ? Optional.of(RamFields.policyType(params))
        : Optional.empty();
    RamFields.Page<StoredPolicy> page = RamFields.page(params, (after, limit) -> policies.list(type, after, limit),
        p -> p.type() + "/" + p.name());
    return new Response(page.truncated(), page.marker(),
        new Policies(page.items().stream().map(RamFields.PolicyInfo::of).toList()));
  }
}
