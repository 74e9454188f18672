package dev.drydock.server.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** All Actions by version and name; a duplicate registration fails at startup. */
@Component
public class ActionRegistry {

  private final Map<String, Map<String, Action>> byVersion = new HashMap<>();

  public ActionRegistry(List<Action> actions) {
    for (Action a : actions) {
      Action previous = byVersion.computeIfAbsent(a.version(), v -> new HashMap<>()).put(a.name(), a);
      if (previous != null) {
        throw new IllegalStateException("two implementations of " + a.version() + " " + a.name());
      }
    }
  }

  public boolean knowsVersion(String version) {
    return byVersion.containsKey(version);
  }

  public Optional<Action> find(String version, String name) {
    return Optional.ofNullable(byVersion.getOrDefault(version, Map.of()).get(name));
  }

  public Set<String> names(String version) {
    return new TreeSet<>(byVersion.getOrDefault(version, Map.of()).keySet());
  }
}
