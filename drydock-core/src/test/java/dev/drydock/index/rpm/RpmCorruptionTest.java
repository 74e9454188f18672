package dev.drydock.index.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.index.AnalysisResult;
import dev.drydock.index.Diagnostic;
import dev.drydock.index.Package;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged databases: the analyzer never throws, never loops, and whenever it reports fewer packages
 * than the intact database holds, it says so in an incomplete diagnostic.
 */
@Timeout(120)
class RpmCorruptionTest {

  private static final RpmAnalyzer ANALYZER = new RpmAnalyzer();

  /**
   * Truncations, zeroed blocks and flipped bytes of every fixture database, each with the number of
   * packages the intact database gives.
   */
  static Stream<Arguments> damaged() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Path[] caseAndFile : RpmTestData.databases()) {
      Path db = caseAndFile[1];
      String path = RpmTestData.relative(db);
      byte[] intact = Files.readAllBytes(db);
      int expected = RpmTestData.analyze(ANALYZER, path, intact).packages().size();
      int n = intact.length;
      String name = RpmTestData.DIR.relativize(db).toString();
      for (int cut : new int[] {0, 1, 7, 8, 31, 32, 100, 511, 512, 4095, 4096, 4112, n / 3, n / 2, n - 16, n - 1}) {
        if (cut >= 0 && cut < n) {
          out.add(Arguments.of(name + " cut at " + cut, path, expected, Arrays.copyOf(intact, cut)));
        }
      }
      Random random = new Random(n);
      for (int i = 0; i < 40; i++) {
        byte[] flipped = intact.clone();
        int pos = random.nextInt(n);
        flipped[pos] ^= (byte) (1 + random.nextInt(255));
        out.add(Arguments.of(name + " byte " + pos + " flipped", path, expected, flipped));
      }
      for (int i = 0; i < 10; i++) {
        byte[] zeroed = intact.clone();
        int pos = random.nextInt(n);
        Arrays.fill(zeroed, pos, Math.min(n, pos + 64), (byte) 0);
        out.add(Arguments.of(name + " 64 bytes zeroed at " + pos, path, expected, zeroed));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damaged")
  void neverThrowsAndNeverLosesPackagesSilently(String what, String path, int expected, byte[] damaged) {
    AnalysisResult r = RpmTestData.analyze(ANALYZER, path, damaged);

    if (r.packages().size() < expected) {
      assertThat(r.diagnostics()).as(what).anyMatch(d -> d.kind() == Diagnostic.Kind.INCOMPLETE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages.db", "var/lib/rpm/rpmdb.sqlite"})
  void garbageIsReportedAsUnreadable(String path) {
    byte[] random = new byte[65536];
    new Random(1).nextBytes(random);
    for (byte[] content : List.of(new byte[0], new byte[65536], random)) {
      AnalysisResult r = RpmTestData.analyze(ANALYZER, path, content);
      assertThat(r.packages()).isEmpty();
      assertThat(r.diagnostics()).singleElement().satisfies(d -> {
        assertThat(d.kind()).isEqualTo(Diagnostic.Kind.INCOMPLETE);
        assertThat(d.path()).isEqualTo(path);
        assertThat(d.analyzer()).isEqualTo("rpm");
      });
    }
  }

  /** A bucket page whose next-page link points to itself: read once, then reported. */
  @Test
  void berkeleyDbPageCycleIsReported() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.BDB);
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    int bucket0 = b.getInt(96); // spares[0]: the page of bucket 0
    b.putInt(bucket0 * 4096 + 16, bucket0);

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", db);

    assertThat(r.packages()).hasSize(6);
    assertThat(r.diagnostics()).extracting(Diagnostic::message)
        .containsExactly("rpm Berkeley DB database: bucket 0: page " + bucket0 + " is reached twice (a cycle or a shared page)");
  }

  /**
   * The metadata page cut to zeros from byte 41 to 104 (found by {@link #neverThrowsAndNeverLosesPackagesSilently}):
   * max_bucket and spares[0] become 0, so the only bucket left maps to page 0, the metadata page.
   * That used to read as an empty bucket, losing every package without a word.
   */
  @Test
  void berkeleyDbBucketOnPageZeroIsReportedAndItsPagesStillRead() throws Exception {
    byte[] intact = Files.readAllBytes(RpmTestData.BDB_OVERFLOW);
    byte[] db = intact.clone();
    Arrays.fill(db, 41, 105, (byte) 0);

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", db);

    assertThat(r.packages()).isEqualTo(RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", intact).packages());
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "rpm Berkeley DB database: bucket 0: page number 0 is outside 1..29",
        "rpm Berkeley DB database: hash page 1 is on no bucket's chain (damaged metadata or page links);"
            + " its items are read anyway",
        "rpm Berkeley DB database: hash page 2 is on no bucket's chain (damaged metadata or page links);"
            + " its items are read anyway");
  }

  /** A max_bucket too small hides the last bucket's page: the sweep finds it. */
  @Test
  void berkeleyDbBucketBeyondMaxBucketIsFound() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.BDB);
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(72, 0);

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", db);

    assertThat(r.packages()).hasSize(6);
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "rpm Berkeley DB database: hash page 2 is on no bucket's chain (damaged metadata or page links);"
            + " its items are read anyway");
  }

  /** An item count two lower drops the page's last item from its list: the packed item area shows it. */
  @Test
  void berkeleyDbItemCountTooLowIsReported() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.BDB);
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    int page2 = 2 * 4096;
    int entries = b.getShort(page2 + 20);
    b.putShort(page2 + 20, (short) (entries - 2));

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", db);

    assertThat(r.packages()).hasSize(5);
    assertThat(r.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m)
        .startsWith("rpm Berkeley DB database: page 2 lists " + (entries - 2) / 2 + " items down to offset")
        .endsWith("items not listed are not read"));
  }

  /** A header whose key became 0 is not mistaken for rpm's 4-byte counter record. */
  @Test
  void berkeleyDbHeaderUnderKeyZeroIsStillReported() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.BDB);
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    int page2 = 2 * 4096;
    int key = page2 + (b.getShort(page2 + 26) & 0xffff); // the first item's key: 1 type byte, 4 key bytes
    assertThat(db[key]).isEqualTo((byte) 1);
    assertThat(b.getInt(key + 1)).isNotZero();
    b.putInt(key + 1, 0);

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", db);

    assertThat(r.packages()).hasSize(6);
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void berkeleyDbOverflowChainSharedByTwoItemsIsReadOnce() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.BDB_BIGENDIAN);
    // Point every overflow reference at the first one's chain: only one item may use it.
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.BIG_ENDIAN);
    int pageSize = b.getInt(20);
    int firstChain = -1;
    int redirected = 0;
    for (int page = 1; page * pageSize < db.length; page++) {
      int base = page * pageSize;
      if ((db[base + 25] & 0xff) != 13) {
        continue;
      }
      int entries = b.getShort(base + 20) & 0xffff;
      for (int i = 1; i < entries; i += 2) {
        int off = base + (b.getShort(base + 26 + 2 * i) & 0xffff);
        if (db[off] == 3) {
          if (firstChain < 0) {
            firstChain = b.getInt(off + 4);
          } else {
            b.putInt(off + 4, firstChain);
            redirected++;
          }
        }
      }
    }
    assertThat(redirected).isPositive();

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/Packages", db);

    // Each redirected item is named; the chains they pointed to before are now reached by nothing,
    // which the final sweep reports once.
    assertThat(r.diagnostics()).hasSize(redirected + 1);
    assertThat(r.diagnostics().subList(0, redirected))
        .allSatisfy(d -> assertThat(d.message()).contains("is reached twice"));
    assertThat(r.diagnostics().get(redirected).message()).startsWith("rpm Berkeley DB database: no bucket or item reaches ")
        .endsWith("; packages stored there may be missing");
  }

  /**
   * One less cell on the interior page of the Packages table: sqlite itself then skips a child page
   * of rows without any error, so only the integrity check reveals the loss.
   */
  @Test
  void sqliteRowsHiddenByADamagedBtreePageAreReported() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.SQLITE);
    int root;
    int pageSize;
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + RpmTestData.SQLITE.toAbsolutePath().toUri()
            + "?immutable=1");
        var s = c.createStatement()) {
      try (var r = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'Packages'")) {
        root = r.getInt(1);
      }
      try (var r = s.executeQuery("PRAGMA page_size")) {
        pageSize = r.getInt(1);
      }
    }
    int header = (root - 1) * pageSize + (root == 1 ? 100 : 0);
    assertThat(db[header]).as("an interior table page").isEqualTo((byte) 5);
    ByteBuffer b = ByteBuffer.wrap(db);
    b.putShort(header + 3, (short) (b.getShort(header + 3) - 1));

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "var/lib/rpm/rpmdb.sqlite", db);

    assertThat(r.packages()).hasSizeLessThan(6);
    assertThat(r.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
        .startsWith("rpm sqlite database: sqlite integrity check failed (")
        .endsWith("); packages on damaged pages may be missing");
  }

  /** Four slot pages of zeros: a problem per slot, of which the first 100 are listed and the rest counted. */
  @Test
  void manyProblemsAreCountedNotListed() {
    byte[] db = new byte[4 * 4096];
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(0, NdbPackages.DB_MAGIC).putInt(12, 4);

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "usr/lib/sysimage/rpm/Packages.db", db);

    int slots = 4 * 4096 / 16 - 2; // the database header takes the first two
    assertThat(r.packages()).isEmpty();
    assertThat(r.diagnostics()).hasSize(RpmPackages.MAX_LISTED_PROBLEMS + 1);
    assertThat(r.diagnostics().getFirst().message()).isEqualTo("rpm NDB database: slot 2 has no slot magic; skipped");
    assertThat(r.diagnostics().getLast().message())
        .isEqualTo("rpm NDB database: " + (slots - RpmPackages.MAX_LISTED_PROBLEMS) + " more problems, not listed");
  }

  @Test
  void ndbBlobWithBadChecksumIsNamed() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.NDB);
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    int slot = 3 * 16; // the second used slot: package index 2
    assertThat(b.getInt(slot + 4)).isEqualTo(2);
    db[b.getInt(slot + 8) * 16 + 16 + 100] ^= 0x55;

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "usr/lib/sysimage/rpm/Packages.db", db);

    assertThat(r.packages()).extracting(Package::name).doesNotContain("multi-libs").hasSize(5);
    assertThat(r.diagnostics()).singleElement().extracting(Diagnostic::message).asString()
        .startsWith("rpm NDB database: blob of package index 2: Adler-32 checksum mismatch");
  }

  @Test
  void ndbSlotsOutsideTheFileOrOverlappingAreNamed() throws Exception {
    byte[] db = Files.readAllBytes(RpmTestData.NDB);
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(3 * 16 + 12, 1 << 20); // package index 2: a million blocks
    int blobOf4 = b.getInt(5 * 16 + 8);
    b.putInt(4 * 16 + 8, blobOf4).putInt(4 * 16 + 12, b.getInt(5 * 16 + 12)); // package index 3: index 4's blob

    AnalysisResult r = RpmTestData.analyze(ANALYZER, "usr/lib/sysimage/rpm/Packages.db", db);

    // Index 3 comes first (same offset, lower slot) and finds index 4's blob; index 4 then overlaps it.
    assertThat(r.packages()).extracting(Package::name).containsExactly("hello-tool", "epochpkg", "data-files");
    assertThat(r.diagnostics()).extracting(Diagnostic::message).containsExactly(
        "rpm NDB database: slot 3 (package index 2) points to blocks " + b.getInt(3 * 16 + 8)
            + "+1048576 outside the data area of the " + db.length + "-byte file; skipped",
        "rpm NDB database: blob of package index 3: blob at offset " + blobOf4 * 16 + " belongs to package index 4",
        "rpm NDB database: blob of package index 4 overlaps another blob; skipped");
  }
}
