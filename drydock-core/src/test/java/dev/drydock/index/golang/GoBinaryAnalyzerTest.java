package dev.drydock.index.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoBinaryAnalyzerTest {

  static final Path GOLANG = AnalyzerFixtures.TESTDATA.resolve("golang");
  static final Path HELLO = GOLANG.resolve("hello/usr/local/bin/hello");
  /** Directories under testdata/golang that are not cases: fixture sources and oracles. */
  static final Set<String> NOT_CASES = Set.of("src", "oracle");

  final GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();

  static Stream<Path> cases() {
    return AnalyzerFixtures.cases("golang").filter(p -> !NOT_CASES.contains(p.getFileName().toString()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesWant(Path caseDir) throws IOException {
    AnalyzerFixtures.assertMatchesWant(analyzer, caseDir);
  }

  /** The fixture cases, their binaries' image paths and the {@code go version -m} output captured when they were built. */
  static Stream<Arguments> oracles() {
    return Stream.of(
        Arguments.of("hello", "usr/local/bin/hello"),
        Arguments.of("hello-mips", "usr/local/bin/hello"),
        Arguments.of("replaced", "app/replaced"));
  }

  @ParameterizedTest
  @MethodSource("oracles")
  void agreesWithGoVersionM(String name, String binary) throws IOException {
    Oracle want = Oracle.read(GOLANG.resolve("oracle/" + name + ".txt"));
    AnalysisResult got = AnalyzerFixtures.run(analyzer, GOLANG.resolve(name));

    assertThat(got.diagnostics()).isEmpty();
    assertThat(got.packages()).allSatisfy(p -> {
      assertThat(p.path()).isEqualTo(binary);
      assertThat(p.attributes()).containsEntry("goVersion", want.goVersion());
    });
    assertThat(got.packages()).map(p -> p.name() + " " + p.version()).containsExactlyElementsOf(want.packages());

    byte[] bytes = Files.readAllBytes(GOLANG.resolve(name).resolve(binary));
    BuildInfoScanner scanner = new BuildInfoScanner(bytes.length);
    scanner.write(bytes, 0, bytes.length);
    BuildInfoScanner.Found found = (BuildInfoScanner.Found) scanner.finish();
    GoBuildInfo info = GoBuildInfo.parse(found.strings().goVersion(), found.strings().modInfo());
    assertThat(info.path()).isEqualTo(want.path());
    assertThat(info.settings()).containsExactlyEntriesOf(want.settings());
  }

  /**
   * Reads {@code go version -m} output independently of the analyzer's parser: the first line
   * names the Go version; indented lines are {@code path}, {@code mod}, {@code dep}, {@code =>}
   * and {@code build}. Packages come out as "name version" under the analyzer's naming rules.
   */
  record Oracle(String goVersion, String path, List<String> packages, Map<String, String> settings) {
    static Oracle read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file);
      String goVersion = lines.get(0).substring(lines.get(0).lastIndexOf(": ") + 2);
      String path = null;
      List<String> packages = new ArrayList<>();
      Map<String, String> settings = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.strip().split("\t");
        switch (f[0]) {
          case "path" -> path = f[1];
          case "mod", "dep" -> packages.add(f[1] + " " + f[2]);
          case "=>" -> {
            if (!f[1].startsWith(".")) {
              packages.set(packages.size() - 1, f[1] + " " + f[2]);
            }
          }
          case "build" -> {
            String value = f[1].substring(f[1].indexOf('=') + 1);
            settings.put(f[1].substring(0, f[1].indexOf('=')), value.startsWith("\"") ? GoQuoted.unquote(value) : value);
          }
          default -> { }
        }
      }
      packages.add("stdlib " + goVersion.substring(2).split(" ")[0]);
      return new Oracle(goVersion, path, packages, settings);
    }
  }

  @Test
  void describesReplacementsInAttributes() throws IOException {
    List<Package> got = AnalyzerFixtures.run(analyzer, GOLANG.resolve("replaced")).packages();
    assertThat(got).filteredOn(p -> p.name().equals("example.com/localdep")).singleElement()
        .satisfies(p -> assertThat(p.attributes()).containsEntry("replacedBy", "./localdep")
            .doesNotContainKey("replaces"));
    assertThat(got).filteredOn(p -> p.name().equals("example.com/newlog")).singleElement()
        .satisfies(p -> assertThat(p.attributes()).containsEntry("replaces", "example.com/oldlog@v1.0.0")
            .containsEntry("sum", "h1:RSrAzJAehEGKE7erEJaWQcGv64LxRFnkXU3FGfIJGQ4="));
    assertThat(got.getFirst().attributes()).containsEntry("main", "true");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 13, 16, 4093, 65536, Integer.MAX_VALUE})
  void chunkingDoesNotChangeTheResult(int chunk) throws IOException {
    byte[] bytes = Files.readAllBytes(HELLO);
    AnalysisResult whole = feed(bytes, bytes.length, "hello");
    assertThat(feed(bytes, chunk, "hello")).isEqualTo(whole);
    assertThat(whole.packages()).hasSize(4);
  }

  /** Cuts the hello binary at various lengths: each cut is either nothing or named incomplete. */
  @ParameterizedTest
  @CsvSource({
      "3, ",
      "100, ",
      "5000, without Go build info",
      "1024000, ends inside its Go build info",
  })
  void truncatedBinaries(int length, String diagnostic) throws IOException {
    byte[] bytes = Files.readAllBytes(HELLO);
    int buildInfo = indexOf(bytes, BuildInfoBlob.MAGIC);
    // 1024000 stands for "in the middle of the build info".
    int cut = length == 1024000 ? buildInfo + 100 : length;
    AnalysisResult r = feed(Arrays.copyOf(bytes, cut), 4093, "cut");
    assertThat(r.packages()).isEmpty();
    if (diagnostic == null) {
      assertThat(r.diagnostics()).isEmpty();
    } else {
      assertThat(r.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
        assertThat(d.path()).isEqualTo("cut");
        assertThat(d.analyzer()).isEqualTo("gobinary");
        assertThat(d.message()).contains(diagnostic);
      });
    }
  }

  @Test
  void reportsGopathBinariesAsIncompleteButKeepsTheStandardLibrary() {
    GoBuildInfo info = GoBuildInfo.parse("go1.19.8", "path\tgithub.com/docker/distribution/cmd/registry\nbuild\tGOOS=linux\n");
    AnalysisResult r = analyzer.packages("usr/bin/docker-registry", info);
    assertThat(r.packages()).map(p -> p.name() + " " + p.version()).containsExactly("stdlib 1.19.8");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.message()).contains("without module information", "GOPATH mode", "github.com/docker/distribution/cmd/registry");
    });
  }

  @Test
  void addsVcsSettingsToTheMainModuleAndNamesUnreadableLines() {
    GoBuildInfo info = GoBuildInfo.parse("go1.22.1", """
        mod\texample.com/app\t(devel)\t
        dep\tbroken
        build\tvcs=git
        build\tvcs.revision=0123abcd
        build\tvcs.modified=false
        """);
    AnalysisResult r = analyzer.packages("app", info);
    assertThat(r.packages().getFirst().attributes()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "goVersion", "go1.22.1", "main", "true", "vcs", "git", "vcs.revision", "0123abcd", "vcs.modified", "false")));
    assertThat(r.diagnostics()).singleElement().satisfies(d ->
        assertThat(d.message()).isEqualTo("unreadable Go build info line 2: expected 2 or 3 tab-separated columns: dep\tbroken"));
  }

  @ParameterizedTest
  @CsvSource({
      "REGULAR, 0755, 2000000, true",
      "REGULAR, 0100, 1024, true",
      "REGULAR, 0644, 2000000, false",
      "REGULAR, 0755, 1023, false",
      "SYMLINK, 0777, 0, false",
  })
  void wantsExecutableRegularFiles(FileEntry.Type type, String mode, long size, boolean wanted) {
    FileEntry e = new FileEntry("usr/bin/x", type, Integer.parseInt(mode, 8), size, 0, 0, null);
    assertThat(analyzer.wants(e)).isEqualTo(wanted);
  }

  private AnalysisResult feed(byte[] bytes, int chunk, String path) throws IOException {
    Analyzer.FileSink sink = analyzer.open(new FileEntry(path, FileEntry.Type.REGULAR, 0755, bytes.length, 0, 0, null));
    for (int off = 0; off < bytes.length; off += chunk) {
      sink.write(bytes, off, Math.min(chunk, bytes.length - off));
    }
    return sink.finish();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i += 16) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("no build info magic");
  }
}
