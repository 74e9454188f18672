package dev.drydock.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.ImageConfig;
import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@link AnalyzerFixtures} for checks: runs analyzers over a case's files and compares their
 * findings and diagnostics with the case's {@code want.json}
 * ({@code {"findings": [...], "diagnostics": [...]}}, findings sorted by path, line and rule).
 *
 * <p>A case is a directory {@code src/test/resources/testdata/<kind>/<case>/} with input files at
 * their image paths. Two files of a case are not image files:
 * <ul>
 *   <li>{@code entries.tsv}: tar header overrides, {@code path<TAB>mode<TAB>uid<TAB>gid} per line
 *       (octal mode), because git cannot store setuid bits or owners; other files get 0644, or 0755
 *       when executable, owned by 0:0;
 *   <li>{@code image-config.json}: an OCI image config, run through the image-configuration checks
 *       given to {@link #assertMatchesWant}.
 * </ul>
 * Files are fed through {@link Analyzer#wants} and {@link Analyzer#open} in chunks, as the layer
 * walker feeds them. Run with {@code -Ddrydock.update-golden=true} to rewrite the {@code want.json}
 * files from the current output (then review the diff).
 */
public final class CheckFixtures {

  public static final Set<String> NOT_IMAGE_FILES = Set.of("want.json", "entries.tsv", "image-config.json");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CheckFixtures() {}

  /** The case directories under {@code testdata/<kind>}, for {@code @MethodSource}. */
  public static Stream<Path> cases(String kind) {
    return AnalyzerFixtures.cases(kind);
  }

  /** Findings and diagnostics of a run. */
  public record Result(List<Finding> findings, List<Diagnostic> diagnostics) {}

  /** Runs {@code analyzers} over every wanted file of the case, and {@code configChecks} over its image config. */
  public static Result run(List<Analyzer> analyzers, Function<ImageConfig, List<Finding>> configChecks, Path caseDir,
      int chunk) throws IOException {
    Map<String, FileEntry> overrides = entries(caseDir);
    List<Path> files;
    try (Stream<Path> s = Files.walk(caseDir)) {
      files = s.filter(Files::isRegularFile)
          .filter(p -> !(p.getParent().equals(caseDir) && NOT_IMAGE_FILES.contains(p.getFileName().toString())))
          .sorted()
          .toList();
    }
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path f : files) {
      String rel = caseDir.relativize(f).toString().replace('\\', '/');
      byte[] bytes = Files.readAllBytes(f);
      FileEntry o = overrides.get(rel);
      FileEntry entry = o != null ? new FileEntry(rel, FileEntry.Type.REGULAR, o.mode(), bytes.length, o.uid(), o.gid(), null)
          : new FileEntry(rel, FileEntry.Type.REGULAR, Files.isExecutable(f) ? 0755 : 0644, bytes.length, 0, 0, null);
      for (Analyzer analyzer : analyzers) {
        if (!analyzer.wants(entry)) {
          continue;
        }
        Analyzer.FileSink sink = analyzer.open(entry);
        for (int off = 0; off < bytes.length; off += chunk) {
          sink.write(bytes, off, Math.min(chunk, bytes.length - off));
        }
        AnalysisResult r = sink.finish();
        findings.addAll(r.findings());
        diagnostics.addAll(r.diagnostics());
      }
    }
    Path config = caseDir.resolve("image-config.json");
    if (Files.exists(config)) {
      findings.addAll(configChecks.apply(ImageConfig.parse(Files.readAllBytes(config), config.toString())));
    }
    findings.sort(Comparator.comparing(Finding::path).thenComparing(f -> f.line() == null ? 0 : f.line())
        .thenComparing(Finding::ruleId));
    return new Result(findings, diagnostics);
  }

  /** Runs the case and asserts the result equals {@code want.json} (or rewrites it). */
  public static Result assertMatchesWant(List<Analyzer> analyzers, Function<ImageConfig, List<Finding>> configChecks,
      Path caseDir) throws IOException {
    Result result = run(analyzers, configChecks, caseDir, 4093);
    ObjectNode got = JSON.createObjectNode();
    got.set("findings", JSON.valueToTree(result.findings()));
    got.set("diagnostics", JSON.valueToTree(result.diagnostics()));
    Path want = caseDir.resolve("want.json");
    if (Boolean.getBoolean("drydock.update-golden")) {
      Files.writeString(want, JSON.writeValueAsString(got) + "\n");
      return result;
    }
    if (!Files.exists(want)) {
      throw new AssertionError("missing " + want + "; run with -Ddrydock.update-golden=true to create it, then review it");
    }
    JsonNode expected = JSON.readTree(want.toFile());
    assertThat(JSON.writeValueAsString(got)).as("checks of %s", caseDir).isEqualTo(JSON.writeValueAsString(expected));
    return result;
  }

  private static Map<String, FileEntry> entries(Path caseDir) throws IOException {
    Map<String, FileEntry> out = new HashMap<>();
    Path tsv = caseDir.resolve("entries.tsv");
    if (!Files.exists(tsv)) {
      return out;
    }
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      out.put(f[0], new FileEntry(f[0], FileEntry.Type.REGULAR, Integer.parseInt(f[1], 8), 0,
          Long.parseLong(f[2]), Long.parseLong(f[3]), null));
    }
    return out;
  }
}
