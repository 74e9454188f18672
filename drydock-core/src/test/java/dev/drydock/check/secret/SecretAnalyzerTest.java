package dev.drydock.check.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Finding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streaming analyzer's contract: which files, bounded memory and work, masked output. */
class SecretAnalyzerTest {

  private static final String TOKEN = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private final SecretAnalyzer analyzer = new SecretAnalyzer();

  private AnalysisResult run(String path, byte[] content, int chunk) throws Exception {
    Analyzer.FileSink sink = analyzer.open(FileEntry.regular(path, content.length));
    for (int off = 0; off < content.length; off += chunk) {
      sink.write(content, off, Math.min(chunk, content.length - off));
    }
    return sink.finish();
  }

  @ParameterizedTest
  @CsvSource({
      "app/config.yml, true",
      "root/.ssh/id_rsa, true",
      "etc/ssl/private/server.key, true",
      "usr/lib/x86_64-linux-gnu/libssl.so.3, false",
      "usr/lib/python3/dist-packages/x/_speedups.so, false",
      "app/static/logo.png, false",
      "app/lib/app.jar, false",
      "usr/share/doc/curl/README, false",
      "usr/share/man/man1/curl.1.gz, false",
      "usr/share/locale/de/LC_MESSAGES/sudo.mo, false",
      "usr/lib/python3.11/test/keycert.pem, false",
      "usr/local/go/src/crypto/tls/testdata/example-key.pem, false",
      "usr/local/go/src/net/url/url_test.go, false",
      "app/tests/fixtures/key.pem, false",
      "app/node_modules/request/test/fixture.js, false",
      "app/node_modules/request/tests.js, false",
      "app/node_modules/@aws-sdk/client-s3/test/x.js, false",
      "app/node_modules/request/lib/test-helpers.js, true",
      "app/contest/settings.ini, true",
      "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages, false",
      "app/test_settings.py, false",
      "app/settings.py, true",
  })
  void wants(String path, boolean wanted) {
    assertThat(analyzer.wants(FileEntry.regular(path, 10))).isEqualTo(wanted);
  }

  @Test
  void binaryFilesAreSkippedWholeByANulByteInTheirHead() throws Exception {
    byte[] elf = ("\u007fELF\u0002\u0001\u0001\u0000" + "x".repeat(7000) + "\n" + TOKEN + "\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(run("usr/bin/tool", elf, 4096).isEmpty()).isTrue();
    byte[] late = (TOKEN + "\n" + "x".repeat(9000) + "\u0000").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(run("app/data", late, 4096).findings()).as("a NUL past the sniffed head does not make a file binary")
        .hasSize(1);
  }

  @Test
  void aShortFileIsDecidedAtTheEnd() throws Exception {
    assertThat(run("app/.env", ("T=" + TOKEN).getBytes(StandardCharsets.US_ASCII), 3).findings())
        .singleElement().satisfies(f -> {
          assertThat(f.line()).isEqualTo(1);
          assertThat(f.evidence()).isEqualTo("ghp_****");
        });
  }

  @Test
  void lineNumbersCountEveryLine() throws Exception {
    String text = "a\n\r\nb\n\n" + TOKEN + "\r\n" + "c\n" + TOKEN;
    assertThat(run("app/x.txt", text.getBytes(StandardCharsets.US_ASCII), 1).findings()).extracting(Finding::line)
        .containsExactly(5, 7);
  }

  @Test
  void aVeryLongLineIsMatchedInOverlappingSegmentsWithoutDuplicates() throws Exception {
    int n = 3 * SecretAnalyzer.MAX_SEGMENT;
    StringBuilder sb = new StringBuilder(n + 200);
    sb.append("x".repeat(SecretAnalyzer.MAX_SEGMENT - 20)).append(' ').append(TOKEN).append(' ');
    sb.append("y".repeat(SecretAnalyzer.MAX_SEGMENT - SecretAnalyzer.OVERLAP / 2)).append(' ').append(TOKEN.replace('a', 'b'))
        .append(' ').append("z".repeat(SecretAnalyzer.MAX_SEGMENT));
    byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
    assertThat(run("app/bundle.js", bytes, 65536).findings()).hasSize(2).allSatisfy(f -> assertThat(f.line()).isEqualTo(1));
    assertThat(run("app/bundle.js", bytes, 1000).findings()).hasSize(2);
  }

  @Test
  void scanningStopsAtTheCapAndSaysSo() throws Exception {
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 'a');
    for (int i = 1023; i < chunk.length; i += 1024) {
      chunk[i] = '\n';
    }
    Analyzer.FileSink sink = analyzer.open(FileEntry.regular("app/huge.log", 0));
    for (long written = 0; written <= SecretAnalyzer.MAX_SCANNED; written += chunk.length) {
      sink.write(chunk, 0, chunk.length);
    }
    byte[] tail = ("\n" + TOKEN + "\n").getBytes(StandardCharsets.US_ASCII);
    sink.write(tail, 0, tail.length);
    AnalysisResult r = sink.finish();
    assertThat(r.findings()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).isEqualTo("app/huge.log");
      assertThat(d.message()).contains("stopped after the first " + SecretAnalyzer.MAX_SCANNED + " bytes");
    });
  }

  @Test
  void findingsPerFileAreCappedAndTheRestCounted() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < SecretAnalyzer.MAX_FINDINGS + 5; i++) {
      sb.append("t").append(i).append('=').append(TOKEN.substring(0, 30)).append(String.format("%010d", i)).append('\n');
    }
    AnalysisResult r = run("app/tokens.txt", sb.toString().getBytes(StandardCharsets.US_ASCII), 8192);
    assertThat(r.findings()).hasSize(SecretAnalyzer.MAX_FINDINGS);
    assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).startsWith("5 more secret(s)"));
  }

  @Test
  void hostileInputNeverThrows() throws Exception {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 50; i++) {
      byte[] junk = new byte[random.nextInt(200_000)];
      random.nextBytes(junk);
      for (int j = 0; j < junk.length; j++) {
        if (junk[j] == 0) {
          junk[j] = (byte) 'k'; // keep it "text"
        }
      }
      run("app/junk-" + i + ".yml", junk, 1 + random.nextInt(70_000));
    }
  }
}
