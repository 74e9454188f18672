package dev.drydock.check.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.index.Analyzer;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry: stable keys, complete texts, and every item proven by a fixture. */
class BaselineItemsTest {

  @Test
  void itemsAreWellFormed() {
    Set<String> keys = new HashSet<>();
    for (BaselineItem i : Baseline.items()) {
      assertThat(i.key()).matches("[a-z0-9]+(_[a-z0-9]+)*");
      assertThat(keys.add(i.key())).as("unique %s", i.key()).isTrue();
      assertThat(i.name()).isNotBlank();
      assertThat(i.description()).isNotBlank();
      assertThat(i.advice()).isNotBlank();
      assertThat(i.reference()).isNotBlank();
    }
    assertThat(keys).hasSize(19);
  }

  @Test
  void analyzersHaveDistinctNames() {
    assertThat(Baseline.analyzers()).extracting(Analyzer::name).doesNotHaveDuplicates()
        .allSatisfy(n -> assertThat(n).startsWith("baseline-"));
    assertThat(Baseline.configChecks()).hasSize(7);
  }

  @Test
  void everyItemFiresInSomeFixture() throws Exception {
    Set<String> seen = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> s = Files.list(AnalyzerFixtures.TESTDATA.resolve("baseline"))) {
      for (Path c : s.filter(Files::isDirectory).toList()) {
        for (JsonNode f : json.readTree(c.resolve("want.json").toFile()).path("findings")) {
          seen.add(f.path("ruleId").asText());
          assertThat(f.path("attributes").path("class").asText()).isNotEmpty();
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(Baseline.items().stream().map(BaselineItem::key).toList());
  }

  @Test
  void filePermissionsComeFromTheHeaderAlone() throws Exception {
    FilePermissionAnalyzer a = new FilePermissionAnalyzer();
    FileEntry suid = new FileEntry("usr/local/bin/x", FileEntry.Type.REGULAR, 04755, 10, 0, 0, null);
    assertThat(a.wants(suid)).isTrue();
    Analyzer.FileSink sink = a.open(suid);
    sink.write(new byte[10], 0, 10);
    assertThat(sink.finish().findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("file_unexpected_setuid");
      assertThat(f.attributes()).containsEntry("bits", "setuid").containsEntry("mode", "4755").containsEntry("class",
          "file_permission");
    });
    assertThat(FilePermissionAnalyzer.check(new FileEntry("bin/su", FileEntry.Type.REGULAR, 04755, 1, 0, 0, null)).isEmpty())
        .as("pre-merged-usr /bin/su").isTrue();
    assertThat(FilePermissionAnalyzer.check(new FileEntry("usr/bin/crontab", FileEntry.Type.REGULAR, 02755, 1, 0, 0, null))
        .isEmpty()).isTrue();
    assertThat(FilePermissionAnalyzer.check(new FileEntry("lib64/x.so", FileEntry.Type.REGULAR, 0666, 1, 0, 0, null))
        .findings()).extracting(f -> f.ruleId()).containsExactly("file_world_writable");
    assertThat(FilePermissionAnalyzer.check(new FileEntry("var/tmp/x", FileEntry.Type.REGULAR, 0666, 1, 0, 0, null))
        .isEmpty()).isTrue();
    assertThat(FilePermissionAnalyzer.check(new FileEntry("usr/bin/x", FileEntry.Type.REGULAR, 06777, 1, 0, 0, null))
        .findings()).extracting(f -> f.ruleId() + ":" + f.attributes().get("bits"))
        .containsExactly("file_unexpected_setuid:setuid,setgid", "file_world_writable:null");
  }
}
