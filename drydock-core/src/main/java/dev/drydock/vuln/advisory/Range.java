package dev.drydock.vuln.advisory;

import java.util.List;

/**
 * An OSV range: events in the order the feed gave them.
 *
 * @see <a href="https://ossf.github.io/osv-schema/#affectedranges-field">OSV ranges</a>
 */
public record Range(Type type, List<Event> events) {

  public Range {
    events = List.copyOf(events);
  }

  public enum Type { SEMVER, ECOSYSTEM, GIT }

  /** One event; {@code introduced} of {@code "0"} means "from the first version". */
  public record Event(Kind kind, String version) {}

  public enum Kind { INTRODUCED, FIXED, LAST_AFFECTED, LIMIT }
}
