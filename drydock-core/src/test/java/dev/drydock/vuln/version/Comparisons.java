package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

/** Assertions shared by the per-scheme tests. */
final class Comparisons {

  private Comparisons() {}

  /** {@code op} is {@code <}, {@code =} or {@code >}; checks both directions. */
  static void assertOrder(VersionScheme s, String a, String op, String b) throws InvalidVersionException {
    int expected = switch (op) {
      case "<" -> -1;
      case "=" -> 0;
      case ">" -> 1;
      default -> throw new IllegalArgumentException(op);
    };
    assertThat(Integer.signum(s.compare(a, b))).as("%s %s %s", a, op, b).isEqualTo(expected);
    assertThat(Integer.signum(s.compare(b, a))).as("%s vs %s reversed", b, a).isEqualTo(-expected);
  }

  /** Each version sorts strictly before the next. */
  static void assertAscending(VersionScheme s, List<String> versions) throws InvalidVersionException {
    for (int i = 0; i < versions.size(); i++) {
      for (int j = i + 1; j < versions.size(); j++) {
        assertOrder(s, versions.get(i), "<", versions.get(j));
      }
    }
  }

  static void assertInvalid(VersionScheme s, String v) {
    assertThat(s.isValid(v)).as("valid: \"%s\"", v).isFalse();
    assertThatThrownBy(() -> s.compare(v, "1")).isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining(s.name());
    assertThatThrownBy(() -> s.compare("1", v)).isInstanceOf(InvalidVersionException.class);
  }
}
