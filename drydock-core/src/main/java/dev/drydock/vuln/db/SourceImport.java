package dev.drydock.vuln.db;

import dev.drydock.vuln.feed.FeedException;
import dev.drydock.vuln.feed.FeedInput;
import dev.drydock.vuln.feed.FeedKind;
import dev.drydock.vuln.feed.FeedReader;
import dev.drydock.vuln.feed.alpine.AlpineSecdbReader;
import dev.drydock.vuln.feed.debian.DebianTrackerReader;
import dev.drydock.vuln.feed.osv.OsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Imports one source in one transaction: the source's previous rows are deleted, the feed is read
 * into fresh rows, and the source row records checksum, counts and HTTP validators. Any failure
 * — a malformed record, a full disk — rolls everything back, so the database is exactly as
 * before.
 */
final class SourceImport {

  private SourceImport() {}

  /** HTTP validators of what is being imported, recorded with it. */
  record Validators(@Nullable String etag, @Nullable String lastModified) {
    static final Validators NONE = new Validators(null, null);
  }

  static FeedReader reader(FeedKind kind) {
    return switch (kind) {
      case OSV -> new OsvReader();
      case DEBIAN_TRACKER -> new DebianTrackerReader();
      case ALPINE_SECDB -> new AlpineSecdbReader();
    };
  }

  static ImportResult run(Connection c, String name, Path file, String location, @Nullable FeedKind expected,
      Validators validators) throws IOException {
    long start = System.nanoTime();
    FeedKind kind = FeedKind.detect(file);
    if (expected != null && kind != expected) {
      throw new FeedException(location, "expected feed kind " + expected.id() + ", but the content is " + kind.id());
    }
    String sha256 = FeedInput.sha256(file);
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw new AdvisoryDatabaseException("cannot start a transaction: " + e.getMessage(), e);
    }
    try {
      long id = replace(c, name);
      long lastId;
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM advisory")) {
        lastId = r.next() ? r.getLong(1) : 0;
      }
      ImportResult result;
      try (AdvisoryWriter w = new AdvisoryWriter(c, id, lastId)) {
        reader(kind).read(file, location, w);
        String now = Instant.now().toString();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO source(id, name, kind, location, sha256, advisories, "
            + "affected, ecosystems, skipped, warnings, imported_at, checked_at, etag, last_modified) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          p.setLong(1, id);
          p.setString(2, name);
          p.setString(3, kind.id());
          p.setString(4, location);
          p.setString(5, sha256);
          p.setLong(6, w.advisories());
          p.setLong(7, w.affected());
          p.setString(8, RowCodec.counts(w.ecosystemCounts()));
          p.setString(9, RowCodec.counts(w.skippedCounts()));
          p.setString(10, RowCodec.counts(w.warningCounts()));
          p.setString(11, now);
          p.setString(12, now);
          p.setString(13, validators.etag());
          p.setString(14, validators.lastModified());
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES ('built_at', ?)")) {
          p.setString(1, now);
          p.executeUpdate();
        }
        result = new ImportResult(name, kind, location, sha256, w.advisories(), w.affected(), w.merged(),
            w.ecosystemCounts(), w.skippedCounts(), w.warningCounts(), Duration.ofNanos(System.nanoTime() - start));
      }
      c.commit();
      return result;
    } catch (SQLException e) {
      rollback(c);
      throw new AdvisoryDatabaseException("importing " + location + " failed: " + e.getMessage(), e);
    } catch (IOException | RuntimeException | Error e) {
      rollback(c);
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is unusable; the next call reports it
      }
    }
  }

  /** Deletes the named source's rows; returns the id to store the new rows under. */
  private static long replace(Connection c, String name) throws SQLException {
    Long old = null;
    try (PreparedStatement p = c.prepareStatement("SELECT id FROM source WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          old = r.getLong(1);
        }
      }
    }
    if (old != null) {
      delete(c, old);
      return old;
    }
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM source")) {
      return r.next() ? r.getLong(1) : 1;
    }
  }

  /** Deletes a source and its rows (inside the caller's transaction). */
  static void delete(Connection c, long source) throws SQLException {
    for (String table : new String[] {"affected", "alias"}) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table
          + " WHERE advisory IN (SELECT id FROM advisory WHERE source = ?)")) {
        p.setLong(1, source);
        p.executeUpdate();
      }
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM advisory WHERE source = ?")) {
      p.setLong(1, source);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM source WHERE id = ?")) {
      p.setLong(1, source);
      p.executeUpdate();
    }
  }

  private static void rollback(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // sqlite rolls back an unfinished transaction when the connection closes
    }
  }
}
