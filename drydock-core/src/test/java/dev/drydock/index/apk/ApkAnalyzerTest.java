package dev.drydock.index.apk;

import dev.drydock.index.AnalyzerFixtures;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApkAnalyzerTest {

  static java.util.stream.Stream<Path> cases() {
    return AnalyzerFixtures.cases("apk");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixture(Path caseDir) throws Exception {
    AnalyzerFixtures.assertMatchesWant(new ApkAnalyzer(), caseDir);
  }
}
