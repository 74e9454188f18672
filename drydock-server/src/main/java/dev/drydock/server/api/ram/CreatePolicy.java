package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamPolicyStore;
import dev.drydock.server.auth.ram.MalformedPolicyException;
import dev.drydock.server.auth.ram.PolicyParser;
import org.springframework.stereotype.Component;

/**
 * CreatePolicy: {@code PolicyName}, {@code PolicyDocument} (required), {@code Description} →
 * {@code Policy{PolicyName, PolicyType: Custom, Description, DefaultVersion: v1, CreateDate}}.
 * A document that is not valid RAM policy grammar is {@code MalformedPolicyDocument} naming the
 * problem; a name any policy (custom or system) has is {@code EntityAlreadyExists.Policy}.
 */
@Component
public class CreatePolicy extends RamAction {

  private final RamPolicyStore policies;

  public CreatePolicy(RamPolicyStore policies) {
    super(Target.POLICY);
    this.policies = policies;
  }

  record Created(String policyName, String policyType, String description, String defaultVersion, String createDate) {}

  record Response(Created policy) {}


  @Override
  public Object handle(Params params, CallContext context) {
    String name = RamFields.policyName(params);
    String document = params.required("PolicyDocument");
    if (document.length() > RamFields.MAX_DOCUMENT) {
      throw ApiException.invalid("PolicyDocument", "longer than " + RamFields.MAX_DOCUMENT + " characters");
    }
    String description = RamFields.bounded(params, "Description", 1024).orElse("");
    try {
      PolicyParser.parse(document);
    } catch (MalformedPolicyException e) {
      throw new ApiException(ErrorCode.MALFORMED_POLICY, e.getMessage());
    }
    if (policies.nameTaken(name)) {
      throw new ApiException(ErrorCode.ENTITY_ALREADY_EXISTS_POLICY, "The policy does already EXIST: " + name);
    }
    var p = policies.createCustom(name, description, document).orElseThrow(() ->
        new ApiException(ErrorCode.ENTITY_ALREADY_EXISTS_POLICY, "The policy does already EXIST: " + name));
    return new Response(new Created(p.name(), p.type().name(), description, p.defaultVersion(),
        RamFields.date(p.createdAt())));
  }
}
