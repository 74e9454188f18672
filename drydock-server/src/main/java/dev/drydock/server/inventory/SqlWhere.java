package dev.drydock.server.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The conditions of an inventory query, ANDed, with their named parameters. Conditions refer to
 * the aliases of {@link ImageCatalog}'s queries: {@code i} (image), {@code r} (image_repo),
 * {@code k} (image_risk), {@code s} (image_report). Values only ever travel as parameters; the
 * condition text is written by Drydock's own code, never taken from a request.
 *
 * <p>Not thread-safe: built by one request, then read.
 */
public final class SqlWhere {

  private static final Pattern ALIAS = Pattern.compile("(?<![A-Za-z0-9_])([a-z])\\.");
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> params = new LinkedHashMap<>();

  /** Registers a parameter value; returns its placeholder ({@code :p0}, {@code :p1} …). */
  public String param(Object value) {
    String name = "p" + params.size();
    params.put(name, value);
    return ":" + name;
  }

  /** Adds a condition (ANDed with the others). */
  public SqlWhere and(String condition) {
    conditions.add(condition);
    return this;
  }

  public boolean hasConditions() {
    return !conditions.isEmpty();
  }

  /** {@code ""} or {@code " WHERE c1 AND c2 …"}. */
  public String sql() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** Whether a condition refers to the table alias {@code alias} ({@code "r"} for {@code r.repo_name}). */
  public boolean uses(String alias) {
    for (String c : conditions) {
      var m = ALIAS.matcher(c);
      while (m.find()) {
        if (m.group(1).equals(alias)) {
          return true;
        }
      }
    }
    return false;
  }

  public Map<String, Object> params() {
    return params;
  }

  /** A key naming this exact query (conditions and values), for caching its count. */
  public String cacheKey() {
    return sql() + " " + params;
  }

  /** {@code %text%} for LIKE/ILIKE with {@code ESCAPE '\'}: the text's {@code % _ \} taken literally. */
  public static String containsPattern(String text) {
    return "%" + escapeLike(text) + "%";
  }

  public static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
