package dev.drydock.index.npm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.index.AnalysisResult;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NpmPackageAnalyzerTest {

  private static final NpmPackageAnalyzer ANALYZER = new NpmPackageAnalyzer();

  static Stream<Path> fixtures() {
    return AnalyzerFixtures.cases("npm");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixture(Path caseDir) throws IOException {
    AnalyzerFixtures.assertMatchesWant(ANALYZER, caseDir);
  }

  @ParameterizedTest
  @CsvSource({
      "app/node_modules/lodash/package.json, true",
      "node_modules/lodash/package.json, true",
      "usr/lib/node_modules/npm/package.json, true",
      "usr/local/lib/node_modules/@angular/cli/package.json, true",
      "app/node_modules/debug/node_modules/ms/package.json, true",
      "app/node_modules/@babel/runtime/node_modules/@babel/types/package.json, true",
      "app/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/package.json, true",
      "app/package.json, false",
      "package.json, false",
      "lodash/package.json, false",
      "app/node_modules/package.json, false",
      "app/node_modules/@babel/package.json, false",
      "app/node_modules/@/x/package.json, false",
      "app/node_modules/.bin/package.json, false",
      "app/node_modules/@babel/runtime/helpers/esm/package.json, false",
      "app/node_modules/glob/dist/esm/package.json, false",
      "app/node_modules/lodash/package.json.bak, false",
      "app/node_modules/lodash/other.json, false",
      "@scope/x/package.json, false",
  })
  void wants(String path, boolean wanted) {
    assertThat(ANALYZER.wants(FileEntry.regular(path, 100))).isEqualTo(wanted);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "{\"license\": \"MIT\"}| MIT",
      "{\"license\": \"(MIT OR Apache-2.0)\"}| (MIT OR Apache-2.0)",
      "{\"license\": {\"type\": \"BSD\", \"url\": \"http://example.org\"}}| BSD",
      "{\"licenses\": [{\"type\": \"AFLv2.1\"}, {\"type\": \"BSD\"}]}| AFLv2.1, BSD",
      "{\"licenses\": [\"MIT\", \"MIT\"]}| MIT",
      "{\"license\": \"  \", \"licenses\": [{\"type\": \"ISC\"}]}| ISC",
      "{\"license\": 42}| null",
      "{\"license\": {\"url\": \"http://example.org\"}}| null",
      "{}| null",
  })
  void license(String json, String want) throws IOException {
    assertThat(NpmPackageAnalyzer.license(new ObjectMapper().readTree(json))).isEqualTo(want);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[1, 2]| not a JSON object",
      "{\"name\": \"x\", \"version\": 1}| without a version",
      "{\"version\": \"1.0.0\"}| without a name",
      "{\"name\": \"x\", \"version\": \"1\"| malformed package.json",
      "| empty package.json",
  })
  void unidentifiedPackagesAreIncomplete(String json, String message) {
    byte[] content = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    AnalysisResult r = ANALYZER.analyze("node_modules/x/package.json", content);
    assertThat(r.packages()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).isEqualTo("node_modules/x/package.json");
      assertThat(d.message()).contains(message);
    });
  }

  @ParameterizedTest
  @CsvSource({"600", "5000"})
  void deepNestingIsRefusedNotFatal(int depth) {
    String json = "{\"name\": \"x\", \"version\": \"1\", \"deep\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
    AnalysisResult r = ANALYZER.analyze("node_modules/x/package.json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.packages().size() + r.diagnostics().size()).isEqualTo(1);
  }
}
