package dev.drydock.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our comparators against the reference implementations, on the tables that
 * {@code testdata/versions/generate-oracles.sh} produced by running them (dpkg, rpm, node semver,
 * Python packaging, RubyGems, composer/semver). Every row must agree.
 */
class VersionOracleTest {

  static Stream<Arguments> comparisonTables() {
    return Stream.of(
        Arguments.of("dpkg-oracle.tsv", DebianVersion.INSTANCE),
        Arguments.of("rpm-oracle.tsv", RpmVersion.INSTANCE),
        Arguments.of("npm-semver-oracle.tsv", SemVerScheme.INSTANCE),
        Arguments.of("pep440-oracle.tsv", Pep440Version.INSTANCE),
        Arguments.of("rubygems-oracle.tsv", RubyGemsVersion.INSTANCE),
        Arguments.of("composer-oracle.tsv", ComposerVersion.INSTANCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisonTables")
  void agreesWithTheOracleOnEveryPair(String table, VersionScheme scheme) {
    List<String[]> rows = OracleTables.read(table);
    assertThat(rows).as("rows in " + table).hasSizeGreaterThanOrEqualTo(1000);
    List<String> disagreements = new ArrayList<>();
    for (String[] row : rows) {
      int expected = Integer.signum(Integer.parseInt(row[2]));
      String actual;
      try {
        actual = Integer.toString(Integer.signum(scheme.compare(row[0], row[1])));
      } catch (InvalidVersionException e) {
        actual = e.getMessage();
      }
      if (!actual.equals(Integer.toString(expected))) {
        disagreements.add(row[0] + " vs " + row[1] + ": oracle " + expected + ", ours " + actual);
      }
    }
    assertThat(disagreements).as("disagreements with " + table + " (" + rows.size() + " rows)").isEmpty();
  }

  static Stream<Arguments> validityTables() {
    return Stream.of(
        Arguments.of("npm-semver-validity.tsv", SemVerScheme.INSTANCE),
        Arguments.of("pep440-validity.tsv", Pep440Version.INSTANCE),
        Arguments.of("rubygems-validity.tsv", RubyGemsVersion.INSTANCE),
        Arguments.of("composer-validity.tsv", ComposerVersion.INSTANCE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validityTables")
  void acceptsWhatTheOracleAccepts(String table, VersionScheme scheme) {
    List<String[]> rows = OracleTables.read(table);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(1000);
    List<String> disagreements = new ArrayList<>();
    for (String[] row : rows) {
      boolean expected = Boolean.parseBoolean(row[1]);
      if (scheme.isValid(row[0]) != expected) {
        disagreements.add("\"" + row[0] + "\": oracle " + expected);
      }
    }
    assertThat(disagreements).as("validity disagreements with " + table).isEmpty();
  }
}
