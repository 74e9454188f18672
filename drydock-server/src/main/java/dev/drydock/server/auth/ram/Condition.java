package dev.drydock.server.auth.ram;

import java.util.List;
import java.util.Optional;

/**
 * One operator applied to one key of a {@code Condition} block, with the values the policy
 * lists. A positive operator holds when the request's value matches <em>any</em> listed value
 * (OR across values); a negated one ({@code StringNotEquals}, {@code NotIpAddress}, …) holds
 * when it matches <em>none</em>. A key the request does not carry fails a positive operator and
 * satisfies a negated one.
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {

  public Condition {
    values = List.copyOf(values);
  }

  public boolean holds(AccessRequest request) {
    Optional<List<String>> actual = request.values(key);
    if (actual.isEmpty()) {
      return operator.negated();
    }
    boolean any = false;
    for (String a : actual.get()) {
      for (String v : values) {
        if (operator.matches(a, v)) {
          any = true;
          break;
        }
      }
    }
    return any != operator.negated();
  }
}
