package dev.drydock.index.dpkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.FileEntry;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DpkgAnalyzerTest {

  static java.util.stream.Stream<Path> cases() {
    return AnalyzerFixtures.cases("dpkg");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fixture(Path caseDir) throws Exception {
    AnalyzerFixtures.assertMatchesWant(new DpkgAnalyzer(), caseDir);
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/dpkg/status, true",
      "var/lib/dpkg/status.d/libc6, true",
      "var/lib/dpkg/status.d/libc6.md5sums, false",
      "var/lib/dpkg/status.d/sub/x, false",
      "var/lib/dpkg/status-old, false",
      "usr/var/lib/dpkg/status, false",
      "var/lib/dpkg/available, false",
  })
  void wants(String path, boolean wanted) {
    assertThat(new DpkgAnalyzer().wants(FileEntry.regular(path, 10))).isEqualTo(wanted);
  }
}
