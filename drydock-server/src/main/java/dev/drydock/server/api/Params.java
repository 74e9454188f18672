package dev.drydock.server.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Action's business parameters (query and form merged), with typed, validating accessors.
 * Every accessor names the parameter in its error: {@code MissingParameter} when a required one
 * is absent, {@code InvalidParameter} when one does not have the documented type or range. An
 * empty string counts as absent (Java tea sends {@code Name=} for unset optional parameters).
 */
public final class Params {

  /**
   * The most values one list parameter may carry ({@code Name.N} items or comma-separated). Every
   * value usually becomes a bind parameter of one SQL statement, and PostgreSQL's protocol takes at
   * most 65,535 of them: a longer list would fail as a ServerError instead of being refused.
   */
  public static final int MAX_VALUES = 1000;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Map<String, String> values;

  public Params(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public Optional<String> string(String name) {
    String v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public String required(String name) {
    return string(name).orElseThrow(() -> ApiException.missing(name));
  }

  /** An int32 with a default, accepted only within [min, max]. */
  public int integer(String name, int dflt, int min, int max) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.get().trim());
      if (i < min || i > max) {
        throw ApiException.invalid(name, "must be between " + min + " and " + max + ", got " + i);
      }
      return i;
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "not an integer: \"" + v.get() + "\"");
    }
  }

  public Optional<Long> longValue(String name) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.get().trim()));
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "not an integer: \"" + v.get() + "\"");
    }
  }

  public long requiredLong(String name) {
    return longValue(name).orElseThrow(() -> ApiException.missing(name));
  }

  public Optional<Boolean> bool(String name) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return switch (v.get().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> throw ApiException.invalid(name, "not a boolean: \"" + v.get() + "\"");
    };
  }

  /**
   * A repeated parameter flattened RPC-style: {@code Name.1=a&Name.2=b} (in index order), or a
   * single {@code Name=a}.
   */
  public List<String> list(String name) {
    TreeMap<Integer, String> indexed = new TreeMap<>();
    String prefix = name + ".";
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        String idx = e.getKey().substring(prefix.length());
        try {
          indexed.put(Integer.parseInt(idx), e.getValue());
        } catch (NumberFormatException ex) {
          throw ApiException.invalid(e.getKey(), "list index is not a number");
        }
      }
    }
    List<String> out = new ArrayList<>();
    indexed.values().stream().filter(v -> !v.isEmpty()).forEach(out::add);
    if (out.isEmpty()) {
      string(name).ifPresent(out::add);
    }
    return bounded(name, out);
  }

  /** A comma-separated string parameter ({@code "a,b, c"}), trimmed, empties dropped. */
  public List<String> commaList(String name) {
    return bounded(name, string(name)
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of()));
  }

  /** {@code values}, unless there are more than {@link #MAX_VALUES}: then InvalidParameter naming {@code name}. */
  public static <T extends java.util.Collection<?>> T bounded(String name, T values) {
    if (values.size() > MAX_VALUES) {
      throw ApiException.invalid(name, "at most " + MAX_VALUES + " values, got " + values.size());
    }
    return values;
  }

  /** A parameter holding a JSON document. */
  public Optional<JsonNode> json(String name) {
    Optional<String> v = string(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(v.get()));
    } catch (RuntimeException e) {
      throw ApiException.invalid(name, "not valid JSON");
    }
  }

  /** One of the allowed values, exactly. */
  public Optional<String> oneOf(String name, List<String> allowed) {
    Optional<String> v = string(name);
    if (v.isPresent() && !allowed.contains(v.get())) {
      throw ApiException.invalid(name, "must be one of " + allowed + ", got \"" + v.get() + "\"");
    }
    return v;
  }

  /** The 1-based page number ({@code CurrentPage}, default 1). */
  public int currentPage() {
    return integer("CurrentPage", 1, 1, Integer.MAX_VALUE);
  }

  /** The page size ({@code PageSize}) with the operation's default and Drydock's maximum. */
  public int pageSize(int dflt, int max) {
    return integer("PageSize", dflt, 1, max);
  }

  public Map<String, String> asMap() {
    return values;
  }
}
