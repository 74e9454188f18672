package dev.drydock.index.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the {@code ndb} fixture honest: {@code ndb/usr/lib/sysimage/rpm/Packages.db} is <b>generated
 * by our own {@link RpmNdbWriter}</b> (following rpm's {@code rpmpkg.c}; no rpm on Debian writes
 * NDB) from the header blobs of the rpm-written {@code sqlite} fixture, and this test checks that
 * the committed file is exactly what the writer produces. With {@code -Ddrydock.update-golden=true}
 * (or when the file is missing) it writes the file instead.
 */
class RpmNdbFixtureTest {

  @Test
  void committedNdbFileIsTheWritersOutputForTheSqliteBlobs() throws Exception {
    byte[] generated = RpmNdbWriter.write(RpmNdbWriter.blobsFromSqlite(RpmTestData.SQLITE));
    Path target = RpmTestData.NDB;
    if (Boolean.getBoolean("drydock.update-golden") || !Files.exists(target)) {
      Files.createDirectories(target.getParent());
      Files.write(target, generated);
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(generated);
  }
}
