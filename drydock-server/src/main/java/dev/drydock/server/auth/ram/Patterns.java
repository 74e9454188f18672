package dev.drydock.server.auth.ram;

import java.util.List;

/**
 * The {@code Action}/{@code NotAction} or {@code Resource}/{@code NotResource} block of a
 * statement: wildcard patterns ({@code *} any run of characters, {@code ?} one character), and
 * whether the block is negated (the statement then applies to everything the patterns do not
 * match).
 *
 * @param ignoreCase whether matching ignores case (actions do, as RAM documents; resources do not)
 */
public record Patterns(List<String> patterns, boolean negated, boolean ignoreCase) {

  public Patterns {
    patterns = List.copyOf(patterns);
  }

  /** Whether this block covers the value: some pattern matches it, or — negated — none does. */
  public boolean covers(String value) {
    boolean any = false;
    for (String p : patterns) {
      if (Wildcard.matches(p, value, ignoreCase)) {
        any = true;
        break;
      }
    }
    return any != negated;
  }
}
