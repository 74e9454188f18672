package dev.drydock.vuln.feed;

import static dev.drydock.vuln.feed.FeedFixtures.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds are recognised by content, whatever their file names. */
class FeedDetectionTest {

  @TempDir Path tmp;

  @Test
  void realFeedsUnderMisleadingNames() throws IOException {
    assertThat(FeedKind.detect(copy("debian/tracker-excerpt.json", "main.json"))).isEqualTo(FeedKind.DEBIAN_TRACKER);
    assertThat(FeedKind.detect(copy("alpine/v3.19-main-excerpt.json", "tracker.json"))).isEqualTo(FeedKind.ALPINE_SECDB);
    assertThat(FeedKind.detect(copy("osv/GHSA-jfh8-c2jp-5v3q.json", "secdb.txt"))).isEqualTo(FeedKind.OSV);
    assertThat(FeedKind.detect(feed("osv"))).isEqualTo(FeedKind.OSV);
  }

  @Test
  void osvRecordStartingWithAnyField() throws IOException {
    assertThat(FeedKind.detect(write("a.json", "{\"affected\": [], \"id\": \"X-1\"}"))).isEqualTo(FeedKind.OSV);
    assertThat(FeedKind.detect(write("b.json", "{\"database_specific\": {\"x\": {}}, \"id\": \"X-1\"}")))
        .isEqualTo(FeedKind.OSV);
    assertThat(FeedKind.detect(write("c.json", "[{\"id\": \"X-1\"}]"))).isEqualTo(FeedKind.OSV);
  }

  @Test
  void zipAndGzipAreLookedInto() throws IOException {
    Path zip = tmp.resolve("feed.bin");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("GHSA-jfh8-c2jp-5v3q.json"));
      Files.copy(feed("osv/GHSA-jfh8-c2jp-5v3q.json"), out);
    }
    assertThat(FeedKind.detect(zip)).isEqualTo(FeedKind.OSV);
    Path gz = tmp.resolve("json");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(feed("debian/tracker-excerpt.json"), out);
    }
    assertThat(FeedKind.detect(gz)).isEqualTo(FeedKind.DEBIAN_TRACKER);
  }

  @Test
  void anythingElseIsRefusedWithTheFileName() throws IOException {
    Path other = write("package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");
    assertThatThrownBy(() -> FeedKind.detect(other)).isInstanceOf(FeedException.class)
        .hasMessage(other + ": not an OSV record, a Debian Security Tracker export or an Alpine secdb file "
            + "(a JSON object starting with field \"name\")");
    Path text = write("notes.txt", "hello");
    assertThatThrownBy(() -> FeedKind.detect(text)).isInstanceOf(FeedException.class)
        .hasMessageStartingWith(text + ": not JSON, a zip or a directory: ");
    assertThatThrownBy(() -> FeedKind.detect(tmp.resolve("missing.json"))).isInstanceOf(FeedException.class)
        .hasMessageEndingWith("missing.json: no such file");
  }

  @Test
  void kindsHaveStableIds() {
    assertThat(FeedKind.fromId("debian-tracker")).isEqualTo(FeedKind.DEBIAN_TRACKER);
    assertThat(FeedKind.OSV.id()).isEqualTo("osv");
    assertThatThrownBy(() -> FeedKind.fromId("nvd")).isInstanceOf(IllegalArgumentException.class);
  }

  private Path copy(String fixture, String name) throws IOException {
    return Files.copy(feed(fixture), tmp.resolve(name));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve(name), content);
  }
}
