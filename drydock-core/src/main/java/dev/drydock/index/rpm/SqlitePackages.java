package dev.drydock.index.rpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads rpm's sqlite database {@code rpmdb.sqlite} (rpm 4.16 and later: RHEL/UBI 9, Fedora 33+,
 * Amazon Linux 2023, openSUSE Tumbleweed): the header blobs of table
 * {@code Packages(hnum INTEGER PRIMARY KEY, blob BLOB)}, in {@code hnum} order.
 *
 * <p>sqlite needs a file, so the bytes go to a private temporary file that is deleted before
 * this returns. It is opened read-only and {@code immutable} (no locks, no journal, no
 * {@code -wal}/{@code -shm} files beside it), with {@code trusted_schema} off and cell-size checks
 * on, as sqlite advises for files from untrusted sources; a {@code Packages} that is not a plain
 * table is refused rather than run.
 *
 * @see <a href="https://github.com/rpm-software-management/rpm/blob/master/lib/backend/sqlite.c">rpm's sqlite backend</a>
 * @see <a href="https://www.sqlite.org/security.html">Defense against dark arts (sqlite)</a>
 */
final class SqlitePackages {

  private SqlitePackages() {}

  /**
   * Hands every header blob to {@code sink}.
   *
   * @throws RpmDbException when the file is not an sqlite database with rpm's {@code Packages}
   *     table, or sqlite fails while reading it (a corrupt page, a truncated file)
   */
  static void read(byte[] db, RecordSink sink) throws RpmDbException {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("drydock-rpmdb-", ".sqlite");
      Files.write(tmp, db);
      query(tmp, sink);
    } catch (IOException e) {
      throw new RpmDbException("cannot stage the database for sqlite: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
          try {
            Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + suffix));
          } catch (IOException ignored) {
            // a leftover temporary file is not the report's concern
          }
        }
      }
    }
  }

  private static void query(Path file, RecordSink sink) throws RpmDbException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    try (Connection c = config.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1");
        Statement s = c.createStatement()) {
      s.execute("PRAGMA trusted_schema = OFF");
      s.execute("PRAGMA cell_size_check = ON");
      try (ResultSet r = s.executeQuery("SELECT type FROM sqlite_master WHERE name = 'Packages'")) {
        if (!r.next()) {
          throw new RpmDbException("sqlite database without rpm's Packages table");
        }
        if (!"table".equals(r.getString(1))) {
          throw new RpmDbException("Packages is a " + r.getString(1) + ", not a table");
        }
      }
      try (ResultSet r = s.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
        while (r.next()) {
          long hnum = r.getLong(1);
          byte[] blob = r.getBytes(2);
          if (blob == null) {
            sink.problem("package " + hnum + " has no header blob");
          } else if (!sink.header(hnum, blob)) {
            return;
          }
        }
      }
    } catch (SQLException e) {
      throw new RpmDbException("sqlite: " + e.getMessage(), e);
    }
  }
}
