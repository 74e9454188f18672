package dev.drydock.index.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PythonPackageAnalyzerTest {

  private static final PythonPackageAnalyzer ANALYZER = new PythonPackageAnalyzer();

  static Stream<Path> fixtures() {
    return AnalyzerFixtures.cases("python");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixture(Path caseDir) throws IOException {
    AnalyzerFixtures.assertMatchesWant(ANALYZER, caseDir);
  }

  @ParameterizedTest
  @CsvSource({
      "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA, true",
      "usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA, true",
      "usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO, true",
      "usr/lib/python3/dist-packages/pyinotify-0.9.6.egg-info, true",
      "usr/lib/python2.7/site-packages/foo-1.0-py2.7.egg/EGG-INFO/PKG-INFO, true",
      "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/RECORD, false",
      "usr/lib/python3/dist-packages/six-1.16.0.egg-info/top_level.txt, false",
      "usr/lib/python3/dist-packages/.dist-info/METADATA, false",
      "usr/lib/python3/dist-packages/.egg-info, false",
      "src/foo-1.0/PKG-INFO, false",
      "usr/share/doc/METADATA, false",
      "x/EGG-INFO/PKG-INFO, false",
  })
  void wants(String path, boolean wanted) {
    assertThat(ANALYZER.wants(FileEntry.regular(path, 100))).isEqualTo(wanted);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      // metadata (\n for line breaks) | name | version | license
      "Metadata-Version: 2.4\\nName: Foo_Bar\\nVersion: 1.0\\nLicense-Expression: MIT OR Apache-2.0\\nLicense: ignored| Foo_Bar| 1.0| MIT OR Apache-2.0",
      "Metadata-Version: 1.0\\nName: foo\\nVersion: 2\\nLicense: UNKNOWN\\nClassifier: License :: OSI Approved :: MIT License| foo| 2| MIT License",
      "Name: foo\\nVersion: 2\\nLicense: Copyright (c) Someone\\n        All rights reserved.| foo| 2| Copyright (c) Someone",
      "Name: foo\\r\\nVersion: 3.0\\r\\n\\r\\nVersion: 9 in the body| foo| 3.0| null",
      "\uFEFFName: bom\\nVersion: 1| bom| 1| null",
      "name: lower\\nVERSION: 1.2| lower| 1.2| null",
      "Name: first\\nName: second\\nVersion: 1| first| 1| null",
      "Name: foo\\nnot a header\\nVersion: 1| foo| 1| null",
  })
  void metadata(String text, String name, String version, String license) {
    AnalysisResult r = ANALYZER.analyze("x.dist-info/METADATA", text.replace("\\n", "\n").replace("\\r", "\r")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.diagnostics()).isEmpty();
    Package p = r.packages().getFirst();
    assertThat(p.name()).isEqualTo(name);
    assertThat(p.version()).isEqualTo(version);
    assertThat(p.attributes().get("license")).isEqualTo(license);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Name: foo\\nSummary: no version| without Version",
      "Version: 1.0| without Name",
      "Name: foo\\n\\nVersion: 1.0| without Version",
      "Name:\\nVersion:| without Name and Version",
  })
  void unidentifiedDistributionsAreIncomplete(String text, String message) {
    AnalysisResult r = ANALYZER.analyze("x.dist-info/METADATA", text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(r.packages()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.message()).contains(message);
    });
  }

  @Test
  void binaryGarbageIsIncompleteNotFatal() {
    byte[] garbage = new byte[4096];
    new java.util.Random(1).nextBytes(garbage);
    AnalysisResult r = ANALYZER.analyze("x.dist-info/METADATA", garbage);
    assertThat(r.packages()).isEmpty();
    assertThat(r.diagnostics()).hasSize(1);
  }
}
