package dev.drydock.vuln.db;

import dev.drydock.vuln.advisory.Advisory;
import dev.drydock.vuln.advisory.Affected;
import dev.drydock.vuln.feed.FeedSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes one source's advisories inside the importer's transaction. Advisories repeated under the
 * same id (Debian and Alpine list an issue once per package) are merged: the first one's fields
 * are kept, the affected entries of all are stored under it.
 */
final class AdvisoryWriter implements FeedSink, AutoCloseable {

  private final long source;
  private final PreparedStatement advisory;
  private final PreparedStatement alias;
  private final PreparedStatement affected;
  private final Map<String, Long> ids = new HashMap<>();
  private final SortedMap<String, Long> skipped = new TreeMap<>();
  private final SortedMap<String, Long> warnings = new TreeMap<>();
  private final SortedMap<String, Long> ecosystems = new TreeMap<>();
  private long next;
  private long affectedCount;
  private long merged;

  AdvisoryWriter(Connection c, long source, long lastId) throws SQLException {
    this.source = source;
    this.next = lastId;
    this.advisory = c.prepareStatement("INSERT INTO advisory(id, source, name, feed, aliases, title, description, "
        + "severity, severity_source, cvss_vector, cvss_score, published, modified, refs) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.alias = c.prepareStatement("INSERT INTO alias(name, advisory) VALUES (?, ?)");
    this.affected = c.prepareStatement("INSERT INTO affected(advisory, source, ecosystem, package, ranges, versions, "
        + "state, severity, severity_source, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  @Override
  public void advisory(Advisory a) throws AdvisoryDatabaseException {
    try {
      Long row = ids.get(a.id());
      if (row == null) {
        row = ++next;
        ids.put(a.id(), row);
        insert(row, a);
      } else {
        merged++;
      }
      for (Affected f : a.affected()) {
        affected.setLong(1, row);
        affected.setLong(2, source);
        affected.setString(3, f.ecosystem());
        affected.setString(4, f.packageName());
        affected.setString(5, RowCodec.ranges(f.ranges()));
        affected.setString(6, RowCodec.strings(f.versions()));
        affected.setString(7, f.state().name());
        setNullable(affected, 8, f.severity() == null ? null : f.severity().name());
        setNullable(affected, 9, f.severitySource());
        affected.setLong(10, affectedCount);
        affected.executeUpdate();
        affectedCount++;
        ecosystems.merge(f.ecosystem(), 1L, Long::sum);
      }
    } catch (SQLException e) {
      throw new AdvisoryDatabaseException("cannot store advisory " + a.id() + ": " + e.getMessage(), e);
    }
  }

  private void insert(long row, Advisory a) throws SQLException {
    advisory.setLong(1, row);
    advisory.setLong(2, source);
    advisory.setString(3, a.id());
    advisory.setString(4, a.source());
    advisory.setString(5, RowCodec.strings(a.aliases()));
    setNullable(advisory, 6, a.title());
    setNullable(advisory, 7, a.description());
    advisory.setString(8, a.severity().name());
    advisory.setString(9, a.severitySource());
    setNullable(advisory, 10, a.cvssVector());
    if (a.cvssScore() == null) {
      advisory.setNull(11, Types.REAL);
    } else {
      advisory.setDouble(11, a.cvssScore());
    }
    setInstant(advisory, 12, a.published());
    setInstant(advisory, 13, a.modified());
    advisory.setString(14, RowCodec.strings(a.references()));
    advisory.executeUpdate();
    Set<String> names = new LinkedHashSet<>();
    names.add(a.id());
    names.addAll(a.aliases());
    for (String n : names) {
      alias.setString(1, n);
      alias.setLong(2, row);
      alias.executeUpdate();
    }
  }

  private static void setInstant(PreparedStatement p, int i, @Nullable Instant v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.INTEGER);
    } else {
      p.setLong(i, v.toEpochMilli());
    }
  }

  private static void setNullable(PreparedStatement p, int i, @Nullable String v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.VARCHAR);
    } else {
      p.setString(i, v);
    }
  }

  @Override
  public void skipped(String reason) {
    skipped.merge(reason, 1L, Long::sum);
  }

  @Override
  public void warning(String reason) {
    warnings.merge(reason, 1L, Long::sum);
  }

  long advisories() {
    return ids.size();
  }

  long affected() {
    return affectedCount;
  }

  long merged() {
    return merged;
  }

  SortedMap<String, Long> skippedCounts() {
    return skipped;
  }

  SortedMap<String, Long> warningCounts() {
    return warnings;
  }

  /** Affected entries stored per ecosystem key. */
  SortedMap<String, Long> ecosystemCounts() {
    return ecosystems;
  }

  @Override
  public void close() throws SQLException {
    try (advisory; alias; affected) {
      // closes the statements
    }
  }
}
