package dev.drydock.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs an analyzer over a fixture case and compares with the case's {@code want.json}.
 *
 * <p>A case is a directory {@code src/test/resources/testdata/<ecosystem>/<case>/} holding input
 * files at their image paths (e.g. {@code var/lib/dpkg/status}) and {@code want.json} beside them:
 * {@code {"packages": [...], "os": ..., "diagnostics": [...]}} with each file's analysis in path
 * order. Files are fed through {@link Analyzer#wants} and {@link Analyzer#open} exactly as the
 * layer walker feeds them. Run with {@code -Ddrydock.update-golden=true} to rewrite the
 * {@code want.json} files from the current output (then review the diff).
 */
public final class AnalyzerFixtures {

  public static final Path TESTDATA = Path.of("src/test/resources/testdata");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AnalyzerFixtures() {}

  /** The case directories under {@code testdata/<ecosystem>}, for {@code @MethodSource}. */
  public static Stream<Path> cases(String ecosystem) {
    try (Stream<Path> s = Files.list(TESTDATA.resolve(ecosystem))) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code analyzer} over every wanted file of the case. */
  public static AnalysisResult run(Analyzer analyzer, Path caseDir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(caseDir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("want.json"))
          .sorted()
          .toList();
    }
    List<Package> packages = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    OsRelease os = null;
    for (Path f : files) {
      String rel = caseDir.relativize(f).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(f);
      FileEntry entry = new FileEntry(rel, FileEntry.Type.REGULAR, Files.isExecutable(f) ? 0755 : 0644,
          bytes.length, 0, 0, null);
      if (!analyzer.wants(entry)) {
        continue;
      }
      Analyzer.FileSink sink = analyzer.open(entry);
      // Feed in small chunks so sinks that scan across chunk boundaries get exercised.
      for (int off = 0; off < bytes.length; off += 4093) {
        sink.write(bytes, off, Math.min(4093, bytes.length - off));
      }
      AnalysisResult r = sink.finish();
      packages.addAll(r.packages());
      diagnostics.addAll(r.diagnostics());
      if (r.os() != null) {
        os = r.os();
      }
    }
    return new AnalysisResult(packages, os, diagnostics);
  }

  /** Runs the analyzer and asserts the result equals {@code want.json} (or rewrites it). */
  public static void assertMatchesWant(Analyzer analyzer, Path caseDir) throws IOException {
    AnalysisResult result = run(analyzer, caseDir);
    ObjectNode got = JSON.createObjectNode();
    got.set("packages", JSON.valueToTree(result.packages()));
    got.set("os", JSON.valueToTree(result.os()));
    got.set("diagnostics", JSON.valueToTree(result.diagnostics()));
    Path want = caseDir.resolve("want.json");
    if (Boolean.getBoolean("drydock.update-golden") || !Files.exists(want)) {
      if (!Boolean.getBoolean("drydock.update-golden")) {
        throw new AssertionError("missing " + want + "; run with -Ddrydock.update-golden=true to create it, then review it");
      }
      Files.writeString(want, JSON.writeValueAsString(got) + "\n");
      return;
    }
    JsonNode expected = JSON.readTree(want.toFile());
    assertThat(JSON.writeValueAsString(got)).as("analysis of %s", caseDir).isEqualTo(JSON.writeValueAsString(expected));
  }
}
