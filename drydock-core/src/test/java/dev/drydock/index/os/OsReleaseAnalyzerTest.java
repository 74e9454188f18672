package dev.drydock.index.os;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalyzerFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OsReleaseAnalyzerTest {

  static java.util.stream.Stream<Path> cases() {
    return AnalyzerFixtures.cases("os");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixture(Path caseDir) throws Exception {
    AnalyzerFixtures.assertMatchesWant(new OsReleaseAnalyzer(), caseDir);
  }

  @Test
  void quotingAndEscapes() {
    var m = OsReleaseAnalyzer.parse("A=\"x \\\"y\\\"\"\nB='single $x'\nC=plain\n# comment\nbroken line\n");
    assertThat(m).containsEntry("A", "x \"y\"").containsEntry("B", "single $x").containsEntry("C", "plain").hasSize(3);
  }
}
