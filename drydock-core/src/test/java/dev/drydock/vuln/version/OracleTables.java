package dev.drydock.vuln.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the TSV tables under {@code testdata/versions/} (lines starting with {@code #} are comments). */
final class OracleTables {

  private OracleTables() {}

  static List<String[]> read(String name) {
    String path = "/testdata/versions/" + name;
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = OracleTables.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        rows.add(line.split("\t", -1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Every distinct version of a comparison table, in order of first appearance. */
  static List<String> versionsOf(String name) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (String[] row : read(name)) {
      out.add(row[0]);
      out.add(row[1]);
    }
    return new ArrayList<>(out);
  }
}
