package dev.drydock.server.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The shape of a JSON answer as the API reference states it, transcribed as a table: which fields
 * an object has — exactly those, a name ending in {@code ?} marking one the reference or Drydock's
 * docs allow to be absent — and the JSON type of each (string, integer, boolean, object, array).
 * {@link #mismatches} lists every difference with its path, so one assertion reports them all.
 *
 * <p>Integers are checked by value (a number without a fraction), not by representation: tea
 * parses every number into a double.
 */
public sealed interface JsonShape permits JsonShape.Scalar, JsonShape.Obj, JsonShape.Arr {

  JsonShape STR = Scalar.STRING;
  JsonShape INT = Scalar.INTEGER;
  JsonShape BOOL = Scalar.BOOLEAN;

  /** {@code PageInfo{Count, CurrentPage, PageSize, TotalCount}} of most paged operations (reference §1.16). */
  Obj PAGE_INFO = obj("Count", INT, "CurrentPage", INT, "PageSize", INT, "TotalCount", INT);

  /** A JSON string, integer or boolean. */
  enum Scalar implements JsonShape {
    STRING, INTEGER, BOOLEAN;

    boolean matches(JsonNode n) {
      return switch (this) {
        case STRING -> n.isString();
        case INTEGER -> n.isIntegralNumber() || (n.isNumber() && n.asDouble() == Math.rint(n.asDouble()));
        case BOOLEAN -> n.isBoolean();
      };
    }
  }

  /** An object with exactly the {@code required} fields, and any of the {@code optional} ones. */
  record Obj(Map<String, JsonShape> required, Map<String, JsonShape> optional) implements JsonShape {
    public Obj {
      required = Map.copyOf(required);
      optional = Map.copyOf(optional);
    }

    /** This shape with more fields ({@code name, shape} pairs as {@link #obj}). */
    public Obj with(Object... pairs) {
      Obj more = obj(pairs);
      Map<String, JsonShape> r = new LinkedHashMap<>(required);
      r.putAll(more.required());
      Map<String, JsonShape> o = new LinkedHashMap<>(optional);
      o.putAll(more.optional());
      return new Obj(r, o);
    }
  }

  /** An array whose every element has {@code element}'s shape; {@code nonEmpty}: at least one. */
  record Arr(JsonShape element, boolean nonEmpty) implements JsonShape {}

  /** An object from {@code name, shape} pairs; {@code "Name?"} is an optional field. */
  static Obj obj(Object... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("name, shape pairs expected");
    }
    Map<String, JsonShape> required = new LinkedHashMap<>();
    Map<String, JsonShape> optional = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      String name = (String) pairs[i];
      JsonShape shape = (JsonShape) pairs[i + 1];
      if (name.endsWith("?")) {
        optional.put(name.substring(0, name.length() - 1), shape);
      } else {
        required.put(name, shape);
      }
    }
    return new Obj(required, optional);
  }

  /** An object of string fields only. */
  static Obj strings(String... names) {
    Object[] pairs = new Object[names.length * 2];
    for (int i = 0; i < names.length; i++) {
      pairs[2 * i] = names[i];
      pairs[2 * i + 1] = STR;
    }
    return obj(pairs);
  }

  /** A non-empty array: the test must see at least one element, so that its shape is checked. */
  static Arr arr(JsonShape element) {
    return new Arr(element, true);
  }

  /** An array that may be empty. */
  static Arr arr0(JsonShape element) {
    return new Arr(element, false);
  }

  /** Every difference between {@code node} and {@code shape}, as {@code path: what}; empty when it fits. */
  static List<String> mismatches(JsonNode node, JsonShape shape) {
    List<String> out = new ArrayList<>();
    check(node, shape, "$", out);
    return out;
  }

  private static void check(JsonNode n, JsonShape shape, String path, List<String> out) {
    switch (shape) {
      case Scalar s -> {
        if (!s.matches(n)) {
          out.add(path + ": expected " + s + ", got " + n.getNodeType() + " " + n);
        }
      }
      case Arr a -> {
        if (!n.isArray()) {
          out.add(path + ": expected an array, got " + n.getNodeType());
          return;
        }
        if (a.nonEmpty() && n.isEmpty()) {
          out.add(path + ": expected at least one element (to check its shape)");
        }
        for (int i = 0; i < n.size(); i++) {
          check(n.get(i), a.element(), path + "[" + i + "]", out);
        }
      }
      case Obj o -> {
        if (!n.isObject()) {
          out.add(path + ": expected an object, got " + n.getNodeType());
          return;
        }
        Set<String> seen = new TreeSet<>();
        n.propertyNames().forEach(seen::add);
        for (String name : new TreeSet<>(o.required().keySet())) {
          if (!seen.contains(name)) {
            out.add(path + "." + name + ": missing");
          }
        }
        for (String name : seen) {
          JsonShape field = o.required().containsKey(name) ? o.required().get(name) : o.optional().get(name);
          if (field == null) {
            out.add(path + "." + name + ": not in the reference");
          } else {
            check(n.get(name), field, path + "." + name, out);
          }
        }
      }
    }
  }
}
