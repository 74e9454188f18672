package dev.drydock.server.auth.ram;

import java.util.List;

/**
 * One statement of a policy. It applies to a request when its action block and resource block
 * cover the request's action and resource and every condition holds (AND across operators and
 * keys).
 */
public record Statement(Effect effect, Patterns actions, Patterns resources, List<Condition> conditions) {

  public Statement {
    conditions = List.copyOf(conditions);
  }

  public boolean appliesTo(AccessRequest request) {
    if (!actions.covers(request.action()) || !resources.covers(request.resource())) {
      return false;
    }
    for (Condition c : conditions) {
      if (!c.holds(request)) {
        return false;
      }
    }
    return true;
  }
}
