package dev.drydock.vuln.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The advisory database's tables. Every change of shape or meaning bumps {@link #VERSION}; a file
 * of another version is refused on open ({@link IncompatibleDatabaseException}), never migrated
 * silently — the database is a cache of public feeds, rebuilt by importing them again.
 *
 * <pre>
 * meta(key, value)                schema_version, created_at, built_at (last successful import)
 * source(id, name UNIQUE, kind, location, sha256, advisories, affected, ecosystems, skipped,
 *        warnings, imported_at, checked_at, etag, last_modified)
 * advisory(id, source, name, feed, aliases, title, description, severity, severity_source,
 *          cvss_vector, cvss_score, published, modified, refs)
 * alias(name, advisory)           every id and alias of every advisory, for lookups by id
 *   PRIMARY KEY (name, advisory), INDEX (advisory)
 * affected(ecosystem, package, advisory, seq, source, ranges, versions, state, severity,
 *          severity_source)
 *   PRIMARY KEY (ecosystem, package, advisory, seq) WITHOUT ROWID, INDEX (advisory)
 * </pre>
 *
 * {@code affected} is clustered on {@code (ecosystem, package)}: the matcher's lookup of a package
 * lands on its entries directly, with no second seek into a row table.
 *
 * List columns hold JSON ({@link RowCodec}); an advisory's {@code published} and {@code modified}
 * are epoch milliseconds (cheap to decode on the lookup path; {@code datetime(published / 1000,
 * 'unixepoch')} shows them), the source table's instants ISO-8601 text; severities and states are
 * enum names. {@code PRAGMA application_id} marks the file as Drydock's.
 */
final class Schema {

  static final int VERSION = 1;
  /** "DRYD". */
  static final int APPLICATION_ID = 0x44525944;

  private static final String[] DDL = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    """
    CREATE TABLE source (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, location TEXT NOT NULL,
      sha256 TEXT NOT NULL, advisories INTEGER NOT NULL, affected INTEGER NOT NULL, ecosystems TEXT NOT NULL,
      skipped TEXT NOT NULL, warnings TEXT NOT NULL, imported_at TEXT NOT NULL, checked_at TEXT NOT NULL,
      etag TEXT, last_modified TEXT)""",
    """
    CREATE TABLE advisory (
      id INTEGER PRIMARY KEY, source INTEGER NOT NULL, name TEXT NOT NULL, feed TEXT NOT NULL,
      aliases TEXT NOT NULL, title TEXT, description TEXT, severity TEXT NOT NULL,
      severity_source TEXT NOT NULL, cvss_vector TEXT, cvss_score REAL, published INTEGER, modified INTEGER,
      refs TEXT NOT NULL)""",
    "CREATE INDEX advisory_source ON advisory(source)",
    "CREATE TABLE alias (name TEXT NOT NULL, advisory INTEGER NOT NULL, PRIMARY KEY (name, advisory)) WITHOUT ROWID",
    "CREATE INDEX alias_advisory ON alias(advisory)",
    """
    CREATE TABLE affected (
      ecosystem TEXT NOT NULL, package TEXT NOT NULL, advisory INTEGER NOT NULL, seq INTEGER NOT NULL,
      source INTEGER NOT NULL, ranges TEXT NOT NULL, versions TEXT NOT NULL, state TEXT NOT NULL, severity TEXT,
      severity_source TEXT,
      PRIMARY KEY (ecosystem, package, advisory, seq)) WITHOUT ROWID""",
    "CREATE INDEX affected_advisory ON affected(advisory)",
  };

  private Schema() {}

  /** Creates the tables in an empty file, or checks an existing file's identity and version. */
  static void createOrCheck(Connection c, Path file, boolean writable) throws SQLException, AdvisoryDatabaseException {
    int appId;
    int tables;
    try (Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("PRAGMA application_id")) {
        appId = r.next() ? r.getInt(1) : 0;
      }
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        tables = r.next() ? r.getInt(1) : 0;
      }
    }
    if (appId == 0 && tables == 0) {
      if (!writable) {
        throw new AdvisoryDatabaseException(file + ": empty advisory database; import feeds first (drydock db update)");
      }
      if (create(c)) {
        return;
      }
      createOrCheck(c, file, writable);
      return;
    }
    if (appId != APPLICATION_ID) {
      throw new IncompatibleDatabaseException(file + ": not a Drydock advisory database (an SQLite file of another "
          + "application); move it away or choose another path", 0);
    }
    int version = 0;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
      if (r.next()) {
        version = Integer.parseInt(r.getString(1));
      }
    } catch (NumberFormatException e) {
      version = -1;
    }
    if (version != VERSION) {
      throw new IncompatibleDatabaseException(file + ": advisory database schema version " + version
          + ", this Drydock reads version " + VERSION + "; delete the file and rebuild it (drydock db update"
          + " or drydock db import)", version);
    }
  }

  /** Creates the tables; false when another process created them first (then nothing is done). */
  private static boolean create(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        if (r.next() && r.getInt(1) > 0) {
          c.rollback();
          return false;
        }
      }
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      s.execute("PRAGMA application_id = " + APPLICATION_ID);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
        p.setString(1, "schema_version");
        p.setString(2, Integer.toString(VERSION));
        p.executeUpdate();
        p.setString(1, "created_at");
        p.setString(2, Instant.now().toString());
        p.executeUpdate();
      }
      c.commit();
      return true;
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
