package dev.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.Digest;
import dev.drydock.image.ImageSource;
import dev.drydock.index.AnalyzerFixtures;
import dev.drydock.index.Ecosystem;
import dev.drydock.index.LayerCache;
import dev.drydock.index.Package;
import dev.drydock.index.ScanListener;
import dev.drydock.registry.CredentialProvider;
import dev.drydock.registry.Credentials;
import dev.drydock.registry.RegistryClient;
import dev.drydock.report.ImageReport;
import dev.drydock.source.ImageSources;
import dev.drydock.testing.Debootstrap;
import dev.drydock.testing.OciImageBuilder;
import dev.drydock.testing.RegistryProcess;
import dev.drydock.testing.Skopeo;
import dev.drydock.testing.TokenRealm;
import dev.drydock.vuln.Vulnerability;
import dev.drydock.vuln.db.AdvisoryDatabase;
import dev.drydock.vuln.db.DatabaseAdvisorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline over real content, through Debian's real {@code docker-registry} with token
 * auth (the registry's {@code auth: token} pointing at a {@link TokenRealm} this test serves): an
 * image whose first layer is the debootstrap bookworm minbase root filesystem and whose second
 * holds the real log4j-core 2.14.1 jar from Maven Central and real npm packages
 * ({@code testdata/java/log4j-core}, {@code testdata/npm/app-node-modules}); matched against a
 * database imported from the real-format feed fixtures (the Debian tracker excerpt, the Log4Shell,
 * lodash and json-schema OSV records).
 *
 * <p>The Debian verdicts are checked against {@code dpkg --compare-versions} on this machine: for
 * every bookworm entry of the tracker excerpt whose source package is installed, the package is
 * expected vulnerable when the issue is open or undetermined, or when dpkg says the installed
 * source version is lower than the fixed one — and nowhere else.
 */
class RealContentScanIT {

  private static final Path TESTDATA = AnalyzerFixtures.TESTDATA;
  private static final String LOG4J = "opt/app/lib/log4j-core-2.14.1.jar";

  private static TokenRealm realm;
  private static RegistryProcess registry;
  private static Path work;
  private static OciImageBuilder.BuiltImage image;
  private static ImageReport report;

  @BeforeAll
  static void scan() throws IOException {
    work = Files.createTempDirectory("drydock-real-content-it");
    realm = TokenRealm.builder().user("ci", "t0ken").allowAnonymousPull(false).start();
    registry = RegistryProcess.token(realm);

    OciImageBuilder.LayerBuilder app = OciImageBuilder.layer()
        .file(LOG4J, Files.readAllBytes(TESTDATA.resolve("java/log4j-core").resolve(LOG4J)))
        .createdBy("COPY lib/ /opt/app/lib/");
    Path npm = TESTDATA.resolve("npm/app-node-modules/app");
    try (Stream<Path> files = Files.walk(npm)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        app.file("srv/web/" + npm.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    }
    image = OciImageBuilder.image()
        .layer(OciImageBuilder.layerFromTar(Debootstrap.rootfsTar()).createdBy("debootstrap --variant=minbase bookworm"))
        .layer(app)
        .writeTo(work.resolve("layout"), "1.0");
    Skopeo.push(image, registry, "team/web");

    Path dbFile = work.resolve("advisories.db");
    try (AdvisoryDatabase db = AdvisoryDatabase.open(dbFile)) {
      db.importFiles(List.of(TESTDATA.resolve("feeds/debian/tracker-excerpt.json"),
          TESTDATA.resolve("feeds/osv/GHSA-jfh8-c2jp-5v3q.json"),
          TESTDATA.resolve("feeds/osv/GHSA-p6mc-m468-83gw.json"),
          TESTDATA.resolve("feeds/osv-images/GHSA-896r-f27r-55mw.json")));
    }
    ImageSources.Options options = new ImageSources.Options(null, CredentialProvider.fixed(new Credentials("ci", "t0ken")),
        RegistryClient.Options.DEFAULT.withInsecure(true).withRetries(2, Duration.ofMillis(50)));
    Set<ScannerKind> kinds = Set.of(ScannerKind.VULN);
    try (AdvisoryDatabase db = AdvisoryDatabase.openReadOnly(dbFile);
         ImageSource src = ImageSources.open(registry.reference("team/web:1.0"), options)) {
      ImageScanner scanner = new ImageScanner(kinds, Ecosystems.defaults(), Checks.inspector(kinds), LayerCache.NONE,
          dev.drydock.index.IndexLimits.DEFAULT, 2, new DatabaseAdvisorySource(db), "test");
      report = scanner.scan(src, ScanListener.NONE);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (registry != null) {
      registry.close();
    }
    if (realm != null) {
      realm.close();
    }
    try (Stream<Path> s = Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Digest appLayer() {
    return image.layerDigests().get(1);
  }

  @Test
  void inventoryHasTheOsTheJarAndTheNpmPackagesEachFromItsLayer() throws IOException {
    assertThat(report.index().complete()).as("%s", report.index().diagnostics()).isTrue();
    assertThat(realm.requests()).anySatisfy(r -> assertThat(r.username()).isEqualTo("ci"));
    List<Package> packages = report.index().packages();
    assertThat(packages).filteredOn(p -> p.ecosystem() == Ecosystem.DEB)
        .hasSize((int) Debootstrap.dpkgQueryRows().stream().filter(r -> r.status().equals("installed")).count())
        .allSatisfy(p -> assertThat(p.layer()).isEqualTo(image.layerDigests().get(0).toString()));
    assertThat(packages).filteredOn(p -> p.ecosystem() == Ecosystem.MAVEN).singleElement().satisfies(p -> {
      assertThat(p.displayName()).isEqualTo("org.apache.logging.log4j:log4j-core");
      assertThat(p.version()).isEqualTo("2.14.1");
      assertThat(p.path()).isEqualTo(LOG4J);
      assertThat(p.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
      assertThat(p.layer()).isEqualTo(appLayer().toString());
    });
    // The npm packages the analyzer's own fixture expects, found at their new place in the image.
    List<String> wantNpm = new ArrayList<>();
    for (JsonNode p : new ObjectMapper().readTree(TESTDATA.resolve("npm/app-node-modules/want.json").toFile())
        .path("packages")) {
      wantNpm.add(p.path("name").asText() + "@" + p.path("version").asText() + " srv/web/"
          + p.path("path").asText().substring("app/".length()));
    }
    assertThat(packages).filteredOn(p -> p.ecosystem() == Ecosystem.NPM)
        .allSatisfy(p -> assertThat(p.layer()).isEqualTo(appLayer().toString()))
        .extracting(p -> p.name() + "@" + p.version() + " " + p.path())
        .containsExactlyInAnyOrderElementsOf(wantNpm);
  }

  @Test
  void languagePackagesMatchTheirAdvisoriesAtTheBoundaries() {
    assertThat(report.vulnerabilities()).isNotNull();
    assertThat(report.vulnerabilities().complete()).as("%s", report.vulnerabilities().diagnostics()).isTrue();
    List<Vulnerability> vulns = report.vulnerabilities().vulnerabilities();
    assertThat(vulns).filteredOn(v -> v.id().equals("GHSA-jfh8-c2jp-5v3q")).singleElement().satisfies(v -> {
      assertThat(v.aliases()).contains("CVE-2021-44228");
      assertThat(v.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
      assertThat(v.installedVersion()).isEqualTo("2.14.1");
      assertThat(v.fixedVersion()).isEqualTo("2.15.0");
      assertThat(v.status()).isEqualTo(Vulnerability.Status.FIXED);
      assertThat(v.severity().name()).isEqualTo("CRITICAL");
      assertThat(v.layer()).isEqualTo(appLayer().toString());
      assertThat(v.path()).isEqualTo(LOG4J);
    });
    assertThat(vulns).filteredOn(v -> v.id().equals("GHSA-896r-f27r-55mw")).singleElement().satisfies(v -> {
      assertThat(v.packageName()).isEqualTo("json-schema");
      assertThat(v.installedVersion()).isEqualTo("0.2.3");
      assertThat(v.fixedVersion()).isEqualTo("0.4.0");
    });
    // lodash 4.17.20 is the fixed version of GHSA-p6mc-m468-83gw: not affected.
    assertThat(vulns).extracting(Vulnerability::id).doesNotContain("GHSA-p6mc-m468-83gw");
    assertThat(vulns).filteredOn(v -> v.ecosystem() != Ecosystem.DEB).extracting(Vulnerability::id)
        .containsExactlyInAnyOrder("GHSA-jfh8-c2jp-5v3q", "GHSA-896r-f27r-55mw");
  }

  @Test
  void debianVerdictsAgreeWithDpkgCompareVersions() throws Exception {
    JsonNode tracker = new ObjectMapper().readTree(TESTDATA.resolve("feeds/debian/tracker-excerpt.json").toFile());
    Set<String> want = new TreeSet<>();
    Map<String, Boolean> dpkgSays = new HashMap<>();
    for (Debootstrap.DpkgQueryRow row : Debootstrap.dpkgQueryRows()) {
      if (!row.status().equals("installed")) {
        continue;
      }
      for (Map.Entry<String, JsonNode> issue : tracker.path(row.sourcePackage()).properties()) {
        JsonNode bookworm = issue.getValue().path("releases").path("bookworm");
        if (bookworm.isMissingNode()) {
          continue;
        }
        String status = bookworm.path("status").asText();
        boolean affected = switch (status) {
          case "open", "undetermined" -> true;
          case "resolved" -> dpkgSays.computeIfAbsent(row.sourceVersion() + " " + bookworm.path("fixed_version").asText(),
              k -> dpkgLessThan(row.sourceVersion(), bookworm.path("fixed_version").asText()));
          default -> throw new AssertionError("unexpected status " + status + " in the excerpt");
        };
        if (affected) {
          want.add(row.packageName() + " " + issue.getKey());
        }
      }
    }
    assertThat(want).as("the excerpt must give this test something to find").isNotEmpty();
    assertThat(dpkgSays).as("and something fixed to compare").isNotEmpty();
    Set<String> got = new TreeSet<>();
    report.vulnerabilities().vulnerabilities().stream().filter(v -> v.ecosystem() == Ecosystem.DEB)
        .forEach(v -> got.add(v.packageName() + " " + v.id()));
    assertThat(got).isEqualTo(want);
    assertThat(report.statistics().vul()).isEqualTo(
        report.vulnerabilities().vulnerabilities().stream().map(Vulnerability::cveOrId).distinct().count());
  }

  private static boolean dpkgLessThan(String a, String b) {
    try {
      Process p = new ProcessBuilder("dpkg", "--compare-versions", a, "lt", b).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return p.exitValue() == 0;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
