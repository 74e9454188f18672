package dev.drydock.vuln.db;

import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.EcosystemKeys;
import dev.drydock.vuln.feed.FeedKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * Drydock's advisory database: one SQLite file holding the advisories of every imported feed
 * ({@link Schema}), queried by the matcher per ecosystem and package.
 *
 * <p><b>Sources.</b> Each import is a <em>source</em> with a unique name — a file's absolute path
 * for {@link #importFile(Path)}, the configured name for the {@link Updater}. Importing a source
 * again replaces all its rows. One source is one transaction: a malformed file fails with a
 * {@link dev.drydock.vuln.feed.FeedException} naming the file and the record, and leaves the
 * database exactly as it was. The kind of a file is detected from its content
 * ({@link FeedKind#detect}).
 *
 * <p><b>Concurrency.</b> The file is in WAL mode: any number of processes may read while one
 * imports; a second importer waits for the first (busy timeout 60 s). An instance holds one
 * connection and serialises its calls, so it may be shared by threads; for parallel lookups open
 * one {@link #openReadOnly read-only} instance per thread.
 *
 * <p><b>Compatibility.</b> Opening a file of another schema version, or an SQLite file that is
 * not Drydock's, fails with {@link IncompatibleDatabaseException}; nothing is migrated.
 */
public final class AdvisoryDatabase implements AutoCloseable {

  /** The schema version this Drydock reads and writes. */
  public static final int SCHEMA_VERSION = Schema.VERSION;

  private final Path path;
  private final Connection connection;
  private final Queries queries;
  private final boolean readOnly;

  private AdvisoryDatabase(Path path, Connection connection, boolean readOnly) {
    this.path = path;
    this.connection = connection;
    this.queries = new Queries(connection);
    this.readOnly = readOnly;
  }

  /** {@code $XDG_DATA_HOME/drydock/advisories.db}, else {@code ~/.local/share/drydock/advisories.db}. */
  public static Path defaultPath() {
    return defaultPath(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Path defaultPath(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
    return base.resolve("drydock").resolve("advisories.db");
  }

  /** Opens the database at {@code file} for reading and importing, creating it (and its directory) if missing. */
  public static AdvisoryDatabase open(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    return connect(file, false);
  }

  /** Opens an existing database for lookups only. */
  public static AdvisoryDatabase openReadOnly(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new AdvisoryDatabaseException(file + ": no advisory database; build one with drydock db update or drydock db import");
    }
    return connect(file, true);
  }

  private static AdvisoryDatabase connect(Path file, boolean readOnly) throws AdvisoryDatabaseException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setBusyTimeout(60_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(readOnly ? -65_536 : -131_072);
    // lookups read pages through a memory map instead of read() calls (sqlite caps it at the file size)
    config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(1L << 32));
    // row ids are assigned by the writer; sqlite-jdbc would otherwise query last_insert_rowid() after every insert
    config.setGetGeneratedKeys(false);
    if (!readOnly) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      Schema.createOrCheck(c, file, !readOnly);
      return new AdvisoryDatabase(file, c, readOnly);
    } catch (SQLException e) {
      close(c);
      String msg = String.valueOf(e.getMessage());
      throw new AdvisoryDatabaseException(file + (msg.contains("NOTADB") || msg.contains("not a database")
          ? ": not an SQLite database" : ": cannot open the advisory database: " + msg), e);
    } catch (AdvisoryDatabaseException e) {
      close(c);
      throw e;
    }
  }

  private static void close(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
    }
  }

  public Path path() {
    return path;
  }

  /** Imports one file, directory or zip as the source named by its absolute path. */
  public ImportResult importFile(Path file) throws IOException {
    String name = file.toAbsolutePath().normalize().toString();
    return importSource(name, file, name, null, SourceImport.Validators.NONE);
  }

  /** Imports one file, directory or zip as the source {@code name}, replacing that source's data. */
  public ImportResult importFile(Path file, String name) throws IOException {
    return importSource(name, file, file.toAbsolutePath().normalize().toString(), null, SourceImport.Validators.NONE);
  }

  /**
   * Imports files in order, one source and one transaction each. Every file's kind is detected
   * first, so a file of no known kind fails before anything is imported; a malformed record then
   * stops at that file (files before it stay imported, it and those after are not).
   */
  public List<ImportResult> importFiles(List<Path> files) throws IOException {
    for (Path f : files) {
      FeedKind.detect(f);
    }
    List<ImportResult> out = new ArrayList<>();
    for (Path f : files) {
      out.add(importFile(f));
    }
    return out;
  }

  synchronized ImportResult importSource(String name, Path file, String location, @Nullable FeedKind expected,
      SourceImport.Validators validators) throws IOException {
    requireWritable();
    ImportResult r = SourceImport.run(connection, name, file, location, expected, validators);
    checkpoint();
    return r;
  }

  /** Removes a source and its advisories; false when there is no such source. */
  public synchronized boolean removeSource(String name) throws IOException {
    requireWritable();
    try {
      Optional<Long> id = sourceId(name);
      if (id.isEmpty()) {
        return false;
      }
      connection.setAutoCommit(false);
      try {
        SourceImport.delete(connection, id.get());
        try (var p = connection.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES ('built_at', ?)")) {
          p.setString(1, Instant.now().toString());
          p.executeUpdate();
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
      return true;
    } catch (SQLException e) {
      throw failure("removing source " + name, e);
    }
  }

  /** Records that the updater found a source unchanged, with the validators to send next time. */
  synchronized void recordCheck(String name, SourceImport.Validators validators) throws IOException {
    requireWritable();
    try (var p = connection.prepareStatement("UPDATE source SET checked_at = ?, etag = coalesce(?, etag), "
        + "last_modified = coalesce(?, last_modified) WHERE name = ?")) {
      p.setString(1, Instant.now().toString());
      p.setString(2, validators.etag());
      p.setString(3, validators.lastModified());
      p.setString(4, name);
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("recording the check of " + name, e);
    }
  }

  /** Schema version, build time, and every source with its counts. */
  public synchronized DatabaseStatus status() throws IOException {
    try {
      return queries.status(path);
    } catch (SQLException e) {
      throw failure("reading the status", e);
    }
  }

  /** One source's record, if it was imported. */
  public synchronized Optional<SourceStatus> source(String name) throws IOException {
    try {
      return queries.source(name);
    } catch (SQLException e) {
      throw failure("reading source " + name, e);
    }
  }

  /**
   * The affected entries for packages of one ecosystem, with their advisories, keyed by package
   * name (names without entries are absent). Names are looked up exactly as given; callers pass
   * {@link EcosystemKeys#lookupName} names and an {@link EcosystemKeys} key such as
   * {@code Debian:12} or {@code Maven}. Any number of names may be passed; they are queried in
   * batches of 500.
   */
  public synchronized Map<String, List<Candidate>> affecting(String ecosystem, Collection<String> packages)
      throws IOException {
    try {
      return queries.affecting(ecosystem, packages);
    } catch (SQLException e) {
      throw failure("looking up " + ecosystem + " packages", e);
    }
  }

  /** Every advisory (of any source) whose id or alias is {@code idOrAlias}, with all its affected entries. */
  public synchronized List<Advisory> find(String idOrAlias) throws IOException {
    try {
      return queries.find(idOrAlias);
    } catch (SQLException e) {
      throw failure("looking up " + idOrAlias, e);
    }
  }

  private Optional<Long> sourceId(String name) throws SQLException {
    try (var p = connection.prepareStatement("SELECT id FROM source WHERE name = ?")) {
      p.setString(1, name);
      try (var r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Folds the write-ahead log back into the file and refreshes planner statistics; best effort. */
  private void checkpoint() {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA optimize");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException ignored) {
      // readers may hold the log; sqlite checkpoints later
    }
  }

  private void requireWritable() throws AdvisoryDatabaseException {
    if (readOnly) {
      throw new AdvisoryDatabaseException(path + ": opened read-only");
    }
  }

  private AdvisoryDatabaseException failure(String what, SQLException e) {
    return new AdvisoryDatabaseException(path + ": " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      queries.close();
      connection.close();
    } catch (SQLException e) {
      throw failure("closing", e);
    }
  }
}
