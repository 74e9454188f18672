package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.PolicyType;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.StoredPolicy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * GetPolicy: {@code PolicyName}, {@code PolicyType} (System | Custom) → {@code Policy{PolicyName,
 * PolicyType, Description, DefaultVersion, PolicyDocument, CreateDate, UpdateDate,
 * AttachmentCount}} and {@code DefaultPolicyVersion{VersionId, IsDefaultVersion, PolicyDocument,
 * CreateDate}} (the current SDK models read the document from the latter, older ones from the former).
 */
@Component
public class GetPolicy extends RamAction {

  private final RamPolicyStore policies;

  public GetPolicy(RamPolicyStore policies) {
    super(Target.POLICY);
    this.policies = policies;
  }

  record Info(String policyName, String policyType, @Nullable String description, String defaultVersion,
      String policyDocument, String createDate, String updateDate, int attachmentCount) {}

  record Version(String versionId, boolean isDefaultVersion, String policyDocument, String createDate) {}

  record Response(Info policy, Version defaultPolicyVersion) {}


  @Override
  public Object handle(Params params, CallContext context) {
    String name = RamFields.policyName(params);
    PolicyType type = RamFields.policyType(params);
    StoredPolicy p = find(policies, type, name);
    return new Response(new Info(p.name(), p.type().name(), p.description(), p.defaultVersion(), p.document(),
        RamFields.date(p.createdAt()), RamFields.date(p.updatedAt()), p.attachmentCount()),
        new Version(p.defaultVersion(), true, p.document(), RamFields.date(p.updatedAt())));
  }

  static StoredPolicy find(RamPolicyStore policies, PolicyType type, String name) {
    return policies.find(type, name).orElseThrow(() -> new ApiException(ErrorCode.ENTITY_NOT_EXIST_POLICY,
        "The policy does not exist: no " + type + " policy named " + name));
  }
}
