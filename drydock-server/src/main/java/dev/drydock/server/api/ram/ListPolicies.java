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
    this.policies = policies;
  }

  record Policies(List<RamFields.PolicyInfo> policy) {}

  record Response(boolean isTruncated, @Nullable String marker, Policies policies) {}

  @Override
  public String ramResource(Params params, CallContext context) {
    return RamFields.policyArn("*");
  }

  @Override
  public Object handle(Params params, CallContext context) {
    Optional<PolicyType> type = params.string("PolicyType").isPresent() ? Optional.of(RamFields.policyType(params))
        : Optional.empty();
    int max = RamFields.maxItems(params);
    List<StoredPolicy> rows = policies.list(type, RamFields.marker(params), max + 1);
    List<StoredPolicy> page = RamFields.page(rows, max);
    boolean truncated = rows.size() > max;
    StoredPolicy last = page.isEmpty() ? null : page.get(page.size() - 1);
    return new Response(truncated, truncated && last != null ? RamFields.marker(last.type() + "/" + last.name()) : null,
        new Policies(page.stream().map(RamFields.PolicyInfo::of).toList()));
  }
}
