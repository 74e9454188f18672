package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.advisory.Range;
import dev.drydock.vuln.version.AffectedVersions.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OSV schema's evaluation examples, as tables. A range is written as events separated by
 * spaces, {@code i:} introduced, {@code f:} fixed, {@code la:} last_affected, {@code l:} limit;
 * ranges are separated by {@code |}; the expected fix {@code -} means none.
 */
class AffectedVersionsTest {

  static Stream<Arguments> osvExamples() {
    return Stream.of(
        // "Unfixed vulnerability example": every possible version is affected
        row("unfixed", "i:0", "0.0.1", true, "-"),
        row("unfixed", "i:0", "99.0.0", true, "-"),
        // "Fixed vulnerability example": everything before 1.0.2
        row("fixed", "i:0 f:1.0.2", "0.0.0", true, "1.0.2"),
        row("fixed", "i:0 f:1.0.2", "1.0.1", true, "1.0.2"),
        row("fixed", "i:0 f:1.0.2", "1.0.2-rc.1", true, "1.0.2"),
        row("fixed", "i:0 f:1.0.2", "1.0.2", false, "-"),
        row("fixed", "i:0 f:1.0.2", "1.1.0", false, "-"),
        // "Multiple range example": [1.0.0, 1.0.2) and [3.0.0, 3.2.5)
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "0.9.9", false, "-"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "1.0.0", true, "1.0.2"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "1.0.1", true, "1.0.2"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "1.0.2", false, "-"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "2.5.0", false, "-"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "3.0.0", true, "3.2.5"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "3.2.4", true, "3.2.5"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "3.2.5", false, "-"),
        row("multiple", "i:1.0.0 f:1.0.2 i:3.0.0 f:3.2.5", "4.0.0", false, "-"),
        // the same, events out of order: evaluation sorts them
        row("unsorted", "f:3.2.5 i:3.0.0 f:1.0.2 i:1.0.0", "1.0.1", true, "1.0.2"),
        row("unsorted", "f:3.2.5 i:3.0.0 f:1.0.2 i:1.0.0", "2.0.0", false, "-"),
        row("unsorted", "f:3.2.5 i:3.0.0 f:1.0.2 i:1.0.0", "3.1.0", true, "3.2.5"),
        // the same as two ranges
        row("two ranges", "i:1.0.0 f:1.0.2 | i:3.0.0 f:3.2.5", "3.1.0", true, "3.2.5"),
        row("two ranges", "i:1.0.0 f:1.0.2 | i:3.0.0 f:3.2.5", "2.0.0", false, "-"),
        // "last_affected vs fixed example"
        row("last_affected", "i:0 la:2.1.214", "2.1.213", true, "-"),
        row("last_affected", "i:0 la:2.1.214", "2.1.214", true, "-"),
        row("last_affected", "i:0 la:2.1.214", "2.1.215", false, "-"),
        row("fixed", "i:0 f:2.1.214", "2.1.214", false, "-"),
        // limit: the version must be below some limit; "*" is infinity
        row("limit", "i:1.0.0 l:2.0.0", "1.5.0", true, "-"),
        row("limit", "i:1.0.0 l:2.0.0", "2.0.0", false, "-"),
        row("limit", "i:1.0.0 l:2.0.0", "0.5.0", false, "-"),
        row("limit *", "i:1.0.0 l:*", "9.0.0", true, "-"),
        row("two limits", "i:1.0.0 l:1.5.0 l:3.0.0", "2.0.0", true, "-"),
        row("limit and fix", "i:0 f:1.2.0 l:1.1.0", "1.1.5", false, "-"),
        row("limit and fix", "i:0 f:1.2.0 l:1.1.0", "1.0.5", true, "1.2.0"),
        // introduced and fixed at the same version: the feed order decides (stable sort)
        row("reintroduced", "i:0 f:1.0.0 i:1.0.0", "1.5.0", true, "-"));
  }

  @ParameterizedTest(name = "{0}: {2} in {1} → {3} {4}")
  @MethodSource("osvExamples")
  void evaluatesAsOsv(String name, String ranges, String installed, boolean affected, String fix) throws Exception {
    Affected a = affected("npm", ranges, List.of());
    Verdict v = AffectedVersions.evaluate(a, installed, SemVerScheme.INSTANCE);
    assertThat(v.affected()).as(name).isEqualTo(affected);
    assertThat(v.fixedVersion()).isEqualTo(fix.equals("-") ? null : fix);
  }

  @Test
  void explicitVersionsMatchBySchemeEquality() throws Exception {
    Affected a = affected("Debian:12", "", List.of("1.0-1", "2:1.1-1"));
    assertThat(AffectedVersions.evaluate(a, "0:1.0-1", DebianVersion.INSTANCE).affected()).isTrue();
    assertThat(AffectedVersions.evaluate(a, "1.1-1", DebianVersion.INSTANCE).affected()).isFalse();
    assertThat(AffectedVersions.evaluate(a, "2:1.1-1", DebianVersion.INSTANCE)).isEqualTo(Verdict.affected(null));
  }

  @Test
  void explicitVersionsAndRangesCombine() throws Exception {
    Affected a = affected("PyPI", "i:2.0 f:2.3", List.of("1.9"));
    assertThat(AffectedVersions.evaluate(a, "1.9.0", Pep440Version.INSTANCE)).isEqualTo(Verdict.affected("2.3"));
    assertThat(AffectedVersions.evaluate(a, "2.1", Pep440Version.INSTANCE)).isEqualTo(Verdict.affected("2.3"));
    assertThat(AffectedVersions.evaluate(a, "1.8", Pep440Version.INSTANCE)).isEqualTo(Verdict.NOT_AFFECTED);
  }

  @Test
  void noRangesAndNoVersionsMeansEveryVersion() throws Exception {
    Affected a = affected("Alpine:v3.19", "", List.of());
    assertThat(AffectedVersions.evaluate(a, "1.2.3-r0", ApkVersion.INSTANCE)).isEqualTo(Verdict.affected(null));
  }

  @Test
  void distributionFixedVersions() throws Exception {
    Affected deb = affected("Debian:12", "i:0 f:7.88.1-10+deb12u5", List.of());
    assertThat(AffectedVersions.evaluate(deb, "7.88.1-10+deb12u4", DebianVersion.INSTANCE))
        .isEqualTo(Verdict.affected("7.88.1-10+deb12u5"));
    assertThat(AffectedVersions.evaluate(deb, "7.88.1-10+deb12u12", DebianVersion.INSTANCE).affected()).isFalse();
    assertThat(AffectedVersions.evaluate(deb, "1:7.0-1", DebianVersion.INSTANCE).affected()).isFalse();
    Affected apk = affected("Alpine:v3.19", "i:0 f:3.1.4-r5", List.of());
    assertThat(AffectedVersions.evaluate(apk, "3.1.4-r4", ApkVersion.INSTANCE)).isEqualTo(Verdict.affected("3.1.4-r5"));
    assertThat(AffectedVersions.evaluate(apk, "3.1.4_p1-r0", ApkVersion.INSTANCE).affected()).isFalse();
  }

  @Test
  void gitRangesAreSkipped() throws Exception {
    Affected a = new Affected("PyPI", "pikepdf", List.of(
        new Range(Range.Type.GIT, List.of(new Range.Event(Range.Kind.INTRODUCED, "0"),
            new Range.Event(Range.Kind.FIXED, "3f38f73218e5e782fe411ccbb3b44a793c0b343a"))),
        new Range(Range.Type.ECOSYSTEM, List.of(new Range.Event(Range.Kind.INTRODUCED, "2.8.0"),
            new Range.Event(Range.Kind.FIXED, "2.10.0")))), List.of(), Affected.FixState.RANGES, null, null);
    assertThat(AffectedVersions.evaluate(a, "2.9.2", Pep440Version.INSTANCE)).isEqualTo(Verdict.affected("2.10.0"));
    assertThat(AffectedVersions.evaluate(a, "2.7", Pep440Version.INSTANCE)).isEqualTo(Verdict.NOT_AFFECTED);
  }

  @Test
  void invalidVersionsThrowRatherThanMeanUnaffected() {
    Affected a = affected("npm", "i:0 f:1.0.2", List.of());
    assertThatThrownBy(() -> AffectedVersions.evaluate(a, "1.0", SemVerScheme.INSTANCE))
        .isInstanceOf(InvalidVersionException.class)
        .satisfies(e -> assertThat(((InvalidVersionException) e).version()).isEqualTo("1.0"));
    Affected bad = affected("npm", "i:0 f:not-a-version", List.of());
    assertThatThrownBy(() -> AffectedVersions.evaluate(bad, "1.0.0", SemVerScheme.INSTANCE))
        .isInstanceOf(InvalidVersionException.class);
    Affected everything = affected("npm", "", List.of());
    assertThatThrownBy(() -> AffectedVersions.evaluate(everything, "garbage", SemVerScheme.INSTANCE))
        .isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void unaffectedVerdictCarriesNoFix() {
    assertThatThrownBy(() -> new Verdict(false, "1.0")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Arguments row(String name, String ranges, String installed, boolean affected, String fix) {
    return Arguments.of(name, ranges, installed, affected, fix);
  }

  private static Affected affected(String ecosystem, String ranges, List<String> versions) {
    List<Range> rs = new ArrayList<>();
    for (String r : ranges.split("\\|")) {
      if (r.isBlank()) {
        continue;
      }
      List<Range.Event> events = new ArrayList<>();
      for (String e : r.trim().split(" +")) {
        String[] kv = e.split(":", 2);
        Range.Kind kind = switch (kv[0]) {
          case "i" -> Range.Kind.INTRODUCED;
          case "f" -> Range.Kind.FIXED;
          case "la" -> Range.Kind.LAST_AFFECTED;
          case "l" -> Range.Kind.LIMIT;
          default -> throw new IllegalArgumentException(Arrays.toString(kv));
        };
        events.add(new Range.Event(kind, kv[1]));
      }
      rs.add(new Range(Range.Type.ECOSYSTEM, events));
    }
    return new Affected(ecosystem, "pkg", rs, versions, Affected.FixState.RANGES, null, null);
  }
}
