package dev.drydock.vuln.db;

import dev.drydock.vuln.advisory.Severity;
import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.feed.FeedKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The read side of {@link AdvisoryDatabase}: lookups by package, by id, and the status. */
final class Queries {

  /** Names per lookup statement; short batches are padded by repeating a name. */
  static final int BATCH = 500;

  private static final String ADVISORY_COLUMNS = "a.id, a.name, a.feed, a.aliases, a.title, a.description, "
      + "a.severity, a.severity_source, a.cvss_vector, a.cvss_score, a.published, a.modified, a.refs, s.name";
  private static final String AFFECTED_COLUMNS = "f.ecosystem, f.package, f.ranges, f.versions, f.state, "
      + "f.severity, f.severity_source";

  private final Connection c;
  private @Nullable PreparedStatement lookup;

  Queries(Connection c) {
    this.c = c;
  }

  Map<String, List<Candidate>> affecting(String ecosystem, Collection<String> packages) throws SQLException {
    List<String> names = new ArrayList<>(new LinkedHashSet<>(packages));
    Map<String, List<Candidate>> out = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    if (lookup == null) {
      lookup = c.prepareStatement("SELECT " + AFFECTED_COLUMNS + ", " + ADVISORY_COLUMNS
          + " FROM affected f JOIN advisory a ON a.id = f.advisory JOIN source s ON s.id = f.source"
          + " WHERE f.ecosystem = ? AND f.package IN (" + "?, ".repeat(BATCH - 1) + "?)");
    }
    Map<Long, Advisory> headers = new HashMap<>();
    for (int from = 0; from < names.size(); from += BATCH) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + BATCH));
      lookup.setString(1, ecosystem);
      for (int i = 0; i < BATCH; i++) {
        lookup.setString(i + 2, batch.get(Math.min(i, batch.size() - 1)));
      }
      try (ResultSet r = lookup.executeQuery()) {
        while (r.next()) {
          Affected f = affected(r, 1);
          Advisory a = headers.get(r.getLong(8));
          if (a == null) {
            a = advisory(r, 8, List.of());
            headers.put(r.getLong(8), a);
          }
          out.computeIfAbsent(f.packageName(), k -> new ArrayList<>()).add(new Candidate(a, f, r.getString(21)));
        }
      }
    }
    return out;
  }

  List<Advisory> find(String idOrAlias) throws SQLException {
    List<Long> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT advisory FROM alias WHERE name = ? ORDER BY advisory")) {
      p.setString(1, idOrAlias);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(r.getLong(1));
        }
      }
    }
    List<Advisory> out = new ArrayList<>();
    try (PreparedStatement a = c.prepareStatement("SELECT " + ADVISORY_COLUMNS
            + " FROM advisory a JOIN source s ON s.id = a.source WHERE a.id = ?");
        PreparedStatement f = c.prepareStatement("SELECT " + AFFECTED_COLUMNS
            + " FROM affected f WHERE f.advisory = ? ORDER BY f.seq")) {
      for (long row : rows) {
        List<Affected> affected = new ArrayList<>();
        f.setLong(1, row);
        try (ResultSet r = f.executeQuery()) {
          while (r.next()) {
            affected.add(affected(r, 1));
          }
        }
        a.setLong(1, row);
        try (ResultSet r = a.executeQuery()) {
          if (r.next()) {
            out.add(advisory(r, 1, affected));
          }
        }
      }
    }
    return out;
  }

  DatabaseStatus status(Path path) throws SQLException {
    Instant builtAt = null;
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'built_at'")) {
      if (r.next()) {
        builtAt = Instant.parse(r.getString(1));
      }
    }
    List<SourceStatus> sources = new ArrayList<>();
    long advisories = 0;
    long affected = 0;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name FROM source ORDER BY name")) {
      while (r.next()) {
        sources.add(source(r.getString(1)).orElseThrow());
      }
    }
    for (SourceStatus s : sources) {
      advisories += s.advisories();
      affected += s.affected();
    }
    return new DatabaseStatus(path, Schema.VERSION, builtAt, advisories, affected, sources);
  }

  Optional<SourceStatus> source(String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT name, kind, location, sha256, advisories, affected, ecosystems, "
        + "skipped, warnings, imported_at, checked_at, etag, last_modified FROM source WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new SourceStatus(r.getString(1), FeedKind.fromId(r.getString(2)), r.getString(3),
            r.getString(4), r.getLong(5), r.getLong(6), RowCodec.counts(r.getString(7)), RowCodec.counts(r.getString(8)),
            RowCodec.counts(r.getString(9)), Instant.parse(r.getString(10)), Instant.parse(r.getString(11)),
            r.getString(12), r.getString(13)));
      }
    }
  }

  private static Affected affected(ResultSet r, int col) throws SQLException {
    String severity = r.getString(col + 5);
    return new Affected(r.getString(col), r.getString(col + 1), RowCodec.ranges(r.getBytes(col + 2)),
        RowCodec.strings(r.getBytes(col + 3)), Affected.FixState.valueOf(r.getString(col + 4)),
        severity == null ? null : Severity.valueOf(severity), r.getString(col + 6));
  }

  /** An advisory from {@link #ADVISORY_COLUMNS} starting at {@code col} (the row id). */
  private static Advisory advisory(ResultSet r, int col, List<Affected> affected) throws SQLException {
    double score = r.getDouble(col + 9);
    Double cvss = r.wasNull() ? null : score;
    long published = r.getLong(col + 10);
    boolean noPublished = r.wasNull();
    long modified = r.getLong(col + 11);
    boolean noModified = r.wasNull();
    return new Advisory(r.getString(col + 1), RowCodec.strings(r.getBytes(col + 3)), r.getString(col + 2),
        r.getString(col + 4), r.getString(col + 5), Severity.valueOf(r.getString(col + 6)), r.getString(col + 7),
        r.getString(col + 8), cvss, noPublished ? null : Instant.ofEpochMilli(published),
        noModified ? null : Instant.ofEpochMilli(modified), RowCodec.strings(r.getBytes(col + 12)), affected);
  }

  void close() throws SQLException {
    if (lookup != null) {
      lookup.close();
    }
  }
}
