package dev.drydock.index.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Analyzer;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.FileEntry;
import dev.drydock.index.Package;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JavaArchiveAnalyzerTest {

  private static final JavaArchiveAnalyzer ANALYZER = new JavaArchiveAnalyzer();

  static java.util.stream.Stream<Path> fixtures() {
    return AnalyzerFixtures.cases("java");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void fixture(Path caseDir) throws IOException {
    AnalyzerFixtures.assertMatchesWant(ANALYZER, caseDir);
  }

  @ParameterizedTest
  @CsvSource({
      "opt/app/lib/log4j-core-2.14.1.jar, true",
      "usr/local/tomcat/webapps/ROOT.war, true",
      "deployments/shop.ear, true",
      "var/jenkins_home/plugins/git.jpi, true",
      "var/jenkins_home/plugins/git.hpi, true",
      "opt/app/persistence.par, true",
      "OPT/APP/LIB/X.JAR, true",
      "app.Jar, true",
      "opt/app/lib/x.jar.sha1, false",
      "opt/app/lib/x.zip, false",
      "opt/app/jar, false",
      "opt/app/.jar, true",
      "opt/app/lib/x.jars, false",
  })
  void wants(String path, boolean wanted) {
    assertThat(ANALYZER.wants(FileEntry.regular(path, 10))).isEqualTo(wanted);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "log4j-core-2.14.1.jar, log4j-core, 2.14.1",
      "log4j-1.2-api-2.17.1.jar, log4j-1.2-api, 2.17.1",
      "guava-31.1-jre.jar, guava, 31.1-jre",
      "spring-core-6.1.0-SNAPSHOT.jar, spring-core, 6.1.0-SNAPSHOT",
      "javax.inject-1.jar, javax.inject, 1",
      "jsr305-3.0.2.jar, jsr305, 3.0.2",
      "app.jar, null, null",
      "-1.0.jar, null, null",
      "my-app.war, null, null",
  })
  void fileNames(String fileName, String artifactId, String version) {
    ArchiveMetadata.FileName f = ArchiveMetadata.parseFileName(fileName);
    assertThat(f.artifactId()).isEqualTo(artifactId);
    assertThat(f.version()).isEqualTo(version);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      // vendorId | title | specTitle | symbolicName | version | file | want group:artifact:version@source
      "org.apache.logging.log4j|Apache Log4j Core|null|org.apache.logging.log4j.core|2.14.1|log4j-core-2.14.1.jar|org.apache.logging.log4j:log4j-core:2.14.1@filename",
      "org.apache.logging.log4j|Apache Log4j Core|null|org.apache.logging.log4j.core|2.14.1|lib.jar|org.apache.logging.log4j:core:2.14.1@manifest",
      "null|apiguardian-api|apiguardian-api|org.apiguardian.api|1.1.2|x.jar|null:apiguardian-api:1.1.2@manifest",
      "null|null|null|com.fasterxml.jackson.core.jackson-databind|2.15.0|x.jar|com.fasterxml.jackson.core:jackson-databind:2.15.0@manifest",
      "null|null|null|com.fasterxml.jackson.core.jackson-databind|2.15.0|jackson-databind-2.15.0.jar|com.fasterxml.jackson.core:jackson-databind:2.15.0@filename",
      "null|null|null|null|9.9|lib-1.0.jar|null:lib:1.0@filename",
      "null|Some Product|null|null|3.0|product.jar|null:Some Product:3.0@manifest",
      "null|demo|null|null|null|app.jar|null",
      "null|null|null|null|null|app.jar|null",
  })
  void identify(String vendorId, String title, String specTitle, String bsn, String version, String file, String want) {
    ArchiveMetadata.Coordinates c = ArchiveMetadata.identify(
        new ArchiveMetadata.ManifestInfo(vendorId, title, specTitle, bsn, version), ArchiveMetadata.parseFileName(file));
    assertThat(c == null ? null : c.groupId() + ":" + c.artifactId() + ":" + c.version() + "@" + c.source())
        .isEqualTo(want);
  }

  @Test
  void pomPropertiesWithoutVersionIsIncomplete() throws IOException {
    byte[] jar = zip(entry("META-INF/maven/org.example/lib/pom.properties", "groupId=org.example\nartifactId=lib\n"));
    AnalysisResult r = feed(ANALYZER, "opt/lib/lib-2.0.jar", jar);
    assertThat(r.packages()).extracting(Package::name, Package::version).containsExactly(org.assertj.core.groups.Tuple.tuple("lib", "2.0"));
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.message()).contains("META-INF/maven/org.example/lib/pom.properties", "no version");
    });
  }

  @Test
  void sameCoordinatesTwiceInOneArchiveAreReportedOnce() throws IOException {
    String props = "groupId=org.example\nartifactId=lib\nversion=1.0\n";
    byte[] jar = zip(entry("META-INF/maven/org.example/lib/pom.properties", props),
        entry("BOOT-INF/classes/META-INF/maven/org.example/lib/pom.properties", props));
    AnalysisResult r = feed(ANALYZER, "lib-1.0.jar", jar);
    assertThat(r.packages()).hasSize(1);
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void zipBombStopsAtTheBudget() throws IOException {
    byte[] zeros = new byte[1 << 20];
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(inner)) {
      z.putNextEntry(new ZipEntry("META-INF/maven/org.example/inner/pom.properties"));
      z.write("groupId=org.example\nartifactId=inner\nversion=1\n".getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("zeros.bin"));
      for (int i = 0; i < 64; i++) {
        z.write(zeros); // 64 MiB that deflate to ~64 KiB
      }
    }
    byte[] jar = zip(entry("WEB-INF/lib/inner-1.jar", inner.toByteArray()));
    JavaArchiveAnalyzer.Limits l = JavaArchiveAnalyzer.Limits.DEFAULT;
    JavaArchiveAnalyzer small = new JavaArchiveAnalyzer(new JavaArchiveAnalyzer.Limits(l.maxArchiveBytes(),
        l.memoryBytes(), l.maxDepth(), l.maxInflatedBytes(), 100, 16 << 20, l.maxMetadataBytes(), l.maxPackages(),
        l.maxDiagnostics()));
    AnalysisResult r = feed(small, "bomb.war", jar);
    assertThat(r.packages()).extracting(Package::name).containsExactly("inner");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).isEqualTo("bomb.war!/WEB-INF/lib/inner-1.jar");
      assertThat(d.message()).contains("zip bomb");
    });
  }

  @Test
  void nestingIsCutAtTheDepthLimit() throws IOException {
    byte[] archive = zip(entry("META-INF/maven/org.example/level5/pom.properties",
        "groupId=org.example\nartifactId=level5\nversion=5\n"));
    for (int level = 4; level >= 0; level--) {
      archive = zip(entry("META-INF/maven/org.example/level" + level + "/pom.properties",
          "groupId=org.example\nartifactId=level" + level + "\nversion=" + level + "\n"),
          entry("lib/level" + (level + 1) + ".jar", archive));
    }
    AnalysisResult r = feed(ANALYZER, "level0.jar", archive);
    assertThat(r.packages()).extracting(Package::name).containsExactly("level0", "level1", "level2", "level3", "level4");
    assertThat(r.packages().get(4).path()).isEqualTo("level0.jar!/lib/level1.jar!/lib/level2.jar!/lib/level3.jar!/lib/level4.jar");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.path()).endsWith("level4.jar!/lib/level5.jar");
      assertThat(d.message()).contains("4 levels deep");
    });
  }

  @Test
  void oversizedMetadataIsNotRead() throws IOException {
    byte[] big = new byte[2 << 20];
    Arrays.fill(big, (byte) '#');
    byte[] jar = zip(entry("META-INF/MANIFEST.MF", big));
    AnalysisResult r = feed(ANALYZER, "lib-1.0.jar", jar);
    assertThat(r.packages()).extracting(Package::name).containsExactly("lib");
    assertThat(r.diagnostics()).singleElement().satisfies(d -> assertThat(d.message()).contains("larger than"));
  }

  @Test
  void oversizedArchiveIsNotAnalysed() throws IOException {
    JavaArchiveAnalyzer small = new JavaArchiveAnalyzer(limits(1 << 10, 4, 1 << 20));
    AnalysisResult r = feed(small, "big-1.0.jar", new byte[4096]);
    assertThat(r.packages()).isEmpty();
    assertThat(r.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
      assertThat(d.message()).contains("4096 bytes exceeds the 1024-byte limit");
    });
  }

  @Test
  void spoolingToDiskGivesTheSameResult() throws IOException {
    Path log4j = AnalyzerFixtures.TESTDATA.resolve("java/log4j-core/opt/app/lib/log4j-core-2.14.1.jar");
    byte[] bytes = Files.readAllBytes(log4j);
    JavaArchiveAnalyzer tinyHeap = new JavaArchiveAnalyzer(limits(512L << 20, 4, 64 << 10));
    assertThat(feed(tinyHeap, "x/log4j-core-2.14.1.jar", bytes)).isEqualTo(feed(ANALYZER, "x/log4j-core-2.14.1.jar", bytes));
  }

  @Test
  void packageCountIsCapped() throws IOException {
    Entry[] entries = new Entry[30];
    for (int i = 0; i < 30; i++) {
      entries[i] = entry("META-INF/maven/g/a" + i + "/pom.properties", "groupId=g\nartifactId=a" + i + "\nversion=1\n");
    }
    JavaArchiveAnalyzer.Limits d = JavaArchiveAnalyzer.Limits.DEFAULT;
    JavaArchiveAnalyzer capped = new JavaArchiveAnalyzer(new JavaArchiveAnalyzer.Limits(d.maxArchiveBytes(), d.memoryBytes(),
        d.maxDepth(), d.maxInflatedBytes(), d.inflationRatio(), d.inflationGraceBytes(), d.maxMetadataBytes(), 10, 100));
    AnalysisResult r = feed(capped, "fat.jar", zip(entries));
    assertThat(r.packages()).hasSize(10);
    assertThat(r.diagnostics()).singleElement().satisfies(x -> assertThat(x.message()).contains("20 more Maven packages"));
  }

  // --- helpers: archives built in memory with java.util.zip (deflated entries use data descriptors)

  private static JavaArchiveAnalyzer.Limits limits(long maxArchive, int depth, int memory) {
    JavaArchiveAnalyzer.Limits d = JavaArchiveAnalyzer.Limits.DEFAULT;
    return new JavaArchiveAnalyzer.Limits(maxArchive, memory, depth, d.maxInflatedBytes(), d.inflationRatio(),
        d.inflationGraceBytes(), d.maxMetadataBytes(), d.maxPackages(), d.maxDiagnostics());
  }

  private static AnalysisResult feed(Analyzer a, String path, byte[] bytes) throws IOException {
    FileEntry e = FileEntry.regular(path, bytes.length);
    Analyzer.FileSink sink = a.open(e);
    for (int off = 0; off < bytes.length; off += 65536) {
      sink.write(bytes, off, Math.min(65536, bytes.length - off));
    }
    return sink.finish();
  }

  private record Entry(String name, byte[] content) {}

  private static Entry entry(String name, String content) {
    return new Entry(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Entry entry(String name, byte[] content) {
    return new Entry(name, content);
  }

  private static byte[] zip(Entry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Entry e : entries) {
        z.putNextEntry(new ZipEntry(e.name()));
        z.write(e.content());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
