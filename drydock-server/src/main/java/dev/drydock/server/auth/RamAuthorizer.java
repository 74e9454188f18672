package dev.drydock.server.auth;

import dev.drydock.server.api.Action;
import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.api.SasApi;
import dev.drydock.server.auth.ram.AccessRequest;
import dev.drydock.server.auth.ram.Decision;
import dev.drydock.server.auth.ram.MalformedPolicyException;
import dev.drydock.server.auth.ram.Policy;
import dev.drydock.server.auth.ram.PolicyEvaluator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Authorises one call: administrators may do everything; any other user may do what its
 * attached policies allow and none denies ({@link PolicyEvaluator}), for the action's RAM action
 * and resource, with {@code acs:SourceIp} (the connection's address), {@code acs:SecureTransport}
 * (whether the call came over TLS) and {@code acs:CurrentTime}. A refusal is {@code NoPermission}
 * (403) with an {@code AccessDeniedDetail}. A stored policy that no longer parses refuses the
 * call (failing closed: it might hold a Deny).
 */
@Component
public class RamAuthorizer {

  private static final Logger LOG = LoggerFactory.getLogger(RamAuthorizer.class);
  private static final int CACHE_LIMIT = 1024;

  private final RamPolicyStore policies;
  private final Clock clock;
  private final Map<String, Policy> parsed = new ConcurrentHashMap<>();

  public RamAuthorizer(RamPolicyStore policies, Clock clock) {
    this.policies = policies;
    this.clock = clock;
  }

  public void authorize(Action action, Params params, CallContext context) {
    Caller caller = context.caller();
    Optional<RamPolicyStore.Grants> grants = policies.grants(caller.userId());
    if (grants.isPresent() && grants.get().admin()) {
      return;
    }
    AccessRequest request = AccessRequest.of(action.ramAction(), action.ramResource(params, context),
        context.sourceIp(), context.secure(), clock.instant());
    Decision decision = grants.map(g -> evaluate(g.documents(), request, caller)).orElse(Decision.IMPLICIT_DENY);
    if (!decision.allowed()) {
      throw noPermission(action, caller, decision);
    }
  }

  private Decision evaluate(List<String> documents, AccessRequest request, Caller caller) {
    List<Policy> list = new ArrayList<>(documents.size());
    for (String d : documents) {
      try {
        list.add(parse(d));
      } catch (MalformedPolicyException e) {
        LOG.warn("a policy attached to user {} does not parse ({}); refusing its calls", caller.userName(), e.getMessage());
        return Decision.EXPLICIT_DENY;
      }
    }
    return PolicyEvaluator.evaluate(list, request);
  }

  private Policy parse(String document) {
    Policy p = parsed.get(document);
    if (p == null) {
      p = Policy.parse(document);
      if (parsed.size() >= CACHE_LIMIT) {
        parsed.clear();
      }
      parsed.put(document, p);
    }
    return p;
  }

  static ApiException noPermission(Action action, Caller caller, Decision decision) {
    String message = SasApi.VERSION.equals(action.version()) ? ErrorCode.NO_PERMISSION.defaultMessage()
        : "You are not authorized to do this action.";
    return new ApiException(ErrorCode.NO_PERMISSION, message, Map.of("AccessDeniedDetail", Map.of(
        "AuthAction", action.ramAction(),
        "AuthPrincipalType", "SubUser",
        "AuthPrincipalDisplayName", caller.userName(),
        "NoPermissionType", decision == Decision.EXPLICIT_DENY ? "ExplicitDeny" : "ImplicitDeny",
        "PolicyType", "AccountLevelIdentityBasedPolicy")));
  }
}
