package dev.drydock.index.rpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads rpm's sqlite database, {@code rpmdb.sqlite} (Fedora 33+, RHEL 9), with sqlite-jdbc.
 *
 * <p>rpm keeps one row per installed package in {@code Packages(hnum INTEGER PRIMARY KEY, blob
 * BLOB)}; the other tables are indexes. SQLite needs a file, so the database is copied into a
 * fresh owner-only directory under {@link RpmLimits#tempDir()}, opened read-only with {@code
 * immutable=1} (no locks, no journal, no {@code -shm}/{@code -wal} sidecars: rpm leaves its
 * database in WAL mode, checkpointed on close, and an image layer holds only the main file) and the
 * directory is deleted afterwards, whatever happened. sqlite keeps no page checksums, so a damaged
 * page can hide rows without an error: {@code PRAGMA quick_check} runs first, and any damage it
 * finds becomes a diagnostic (the rows sqlite can still read are reported).
 *
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/lib/backend/sqlite.c">rpm
 *     lib/backend/sqlite.c</a>
 * @see <a href="https://www.sqlite.org/uri.html">SQLite URI filenames (immutable)</a>
 */
final class SqlitePackages {

  private static final Logger LOG = LoggerFactory.getLogger(SqlitePackages.class);
  /** The problems {@code PRAGMA quick_check} lists at most (one diagnostic says them all). */
  private static final int MAX_CHECK_MESSAGES = 3;

  private SqlitePackages() {}

  /**
   * Passes every package blob to {@code visitor}, in {@code hnum} order.
   *
   * @throws RpmDbException if the file is not a readable sqlite rpm database
   */
  static void read(Spool spool, Path tempDir, HeaderBlobVisitor visitor, int maxBlobBytes)
      throws IOException, RpmDbException {
    Path dir = Files.createTempDirectory(tempDir, "drydock-rpm-", Spool.ownerOnly(tempDir, true));
    try {
      Path db = dir.resolve("rpmdb.sqlite");
      spool.copyTo(db);
      query(db, visitor, maxBlobBytes);
    } finally {
      deleteTree(dir);
    }
  }

  private static void query(Path db, HeaderBlobVisitor visitor, int maxBlobBytes) throws RpmDbException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    String url = "jdbc:sqlite:" + db.toUri() + "?immutable=1";
    try (Connection c = config.createConnection(url)) {
      try (Statement s = c.createStatement()) {
        // The schema comes from the image: let no view or trigger in it call functions.
        s.execute("PRAGMA trusted_schema = OFF");
        try (ResultSet r = s.executeQuery("SELECT type FROM sqlite_master WHERE name = 'Packages'")) {
          if (!r.next() || !"table".equals(r.getString(1))) {
            throw new RpmDbException("no Packages table");
          }
        }
        // sqlite has no page checksums: a damaged b-tree page can hide rows without any error
        // from the query below. quick_check walks every b-tree once and finds such damage.
        List<String> damage = new ArrayList<>();
        try (ResultSet r = s.executeQuery("PRAGMA quick_check(" + MAX_CHECK_MESSAGES + ")")) {
          while (r.next()) {
            damage.add(String.valueOf(r.getString(1)).replace('\n', ' ').strip());
          }
        }
        if (!damage.equals(List.of("ok"))) {
          visitor.problem("sqlite integrity check failed (" + String.join("; ", damage)
              + "); packages on damaged pages may be missing");
        }
      }
      String sql = "SELECT hnum, typeof(blob), length(blob), CASE WHEN length(blob) <= ? THEN blob END"
          + " FROM Packages ORDER BY hnum";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, maxBlobBytes);
        try (ResultSet r = ps.executeQuery()) {
          while (r.next()) {
            long hnum = r.getLong(1);
            String type = r.getString(2);
            long length = r.getLong(3);
            if (!"blob".equals(type)) {
              visitor.problem("row hnum " + hnum + " holds a " + type + ", not a header blob");
            } else if (length > maxBlobBytes) {
              visitor.problem("row hnum " + hnum + ": header of " + length + " bytes exceeds the limit of "
                  + maxBlobBytes + " bytes; not read");
            } else {
              visitor.header(hnum, r.getBytes(4));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new RpmDbException("sqlite error: " + e.getMessage(), e);
    }
  }

  /** Deletes the private directory and whatever sqlite may have left in it; never throws. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      files.toList().forEach(SqlitePackages::deleteQuietly);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not list temporary directory {}: {}", dir, e.toString());
    }
    deleteQuietly(dir);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete temporary file {}; deleting it at exit: {}", p, e.toString());
      p.toFile().deleteOnExit();
    }
  }
}
