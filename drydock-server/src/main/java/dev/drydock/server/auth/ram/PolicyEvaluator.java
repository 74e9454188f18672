package dev.drydock.server.auth.ram;

import java.util.Collection;

/**
 * Decides a request against a set of policies, in RAM's order: deny by default; any applicable
 * Deny statement wins over every Allow; otherwise allowed if some applicable statement allows.
 * Pure and thread-safe.
 *
 * @see <a href="https://www.alibabacloud.com/help/en/ram/policy-evaluation-process">RAM policy evaluation</a>
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  public static Decision evaluate(Collection<Policy> policies, AccessRequest request) {
    boolean allowed = false;
    for (Policy p : policies) {
      for (Statement s : p.statements()) {
        if (s.appliesTo(request)) {
          if (s.effect() == Effect.Deny) {
            return Decision.EXPLICIT_DENY;
          }
          allowed = true;
        }
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }
}
