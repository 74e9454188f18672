package dev.drydock.server.auth.ram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a RAM policy document (reference §3): {@code {"Version": "1", "Statement": [...]}}, each
 * statement with {@code Effect} (Allow | Deny), exactly one of {@code Action}/{@code NotAction},
 * exactly one of {@code Resource}/{@code NotResource}, and an optional {@code Condition}. A
 * single value and a one-element list are the same everywhere. Anything else — unknown elements,
 * duplicate keys, wrong types, unknown condition operators, values an operator cannot use — is a
 * {@link MalformedPolicyException} whose message names the element, e.g.
 * {@code Statement[1].Effect must be Allow or Deny, got "allow"}.
 */
public final class PolicyParser {

  private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> TOP = Set.of("Version", "Statement");
  private static final Set<String> STATEMENT = Set.of("Effect", "Action", "NotAction", "Resource", "NotResource",
      "Condition");

  private PolicyParser() {}

  public static Policy parse(String document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (JacksonException e) {
      var loc = e.getLocation();
      throw new MalformedPolicyException("the policy document is not valid JSON"
          + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")") + ": "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPolicyException("the policy document must be a JSON object with Version and Statement");
    }
    unknown(root, TOP, "the policy document");
    JsonNode version = root.get("Version");
    if (version == null) {
      throw new MalformedPolicyException("Version is missing (it must be \"1\")");
    }
    if (!version.isString() || !version.asString().equals("1")) {
      throw new MalformedPolicyException("Version must be \"1\", got " + version);
    }
    JsonNode statements = root.get("Statement");
    if (statements == null) {
      throw new MalformedPolicyException("Statement is missing");
    }
    if (!statements.isArray()) {
      throw new MalformedPolicyException("Statement must be a list of statements");
    }
    List<Statement> out = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      out.add(statement(statements.get(i), "Statement[" + i + "]"));
    }
    return new Policy(out);
  }

  private static Statement statement(JsonNode s, String where) {
    if (!s.isObject()) {
      throw new MalformedPolicyException(where + " must be an object");
    }
    unknown(s, STATEMENT, where);
    JsonNode effect = s.get("Effect");
    if (effect == null) {
      throw new MalformedPolicyException(where + ".Effect is missing (Allow or Deny)");
    }
    if (!effect.isString() || !(effect.asString().equals("Allow") || effect.asString().equals("Deny"))) {
      throw new MalformedPolicyException(where + ".Effect must be Allow or Deny, got " + effect);
    }
    Patterns actions = block(s, where, "Action", "NotAction", true);
    Patterns resources = block(s, where, "Resource", "NotResource", false);
    List<Condition> conditions = new ArrayList<>();
    JsonNode c = s.get("Condition");
    if (c != null) {
      conditions(c, where + ".Condition", conditions);
    }
    return new Statement(Effect.valueOf(effect.asString()), actions, resources, conditions);
  }

  private static Patterns block(JsonNode s, String where, String name, String notName, boolean action) {
    JsonNode pos = s.get(name);
    JsonNode neg = s.get(notName);
    if (pos != null && neg != null) {
      throw new MalformedPolicyException(where + " has both " + name + " and " + notName + " (use one)");
    }
    if (pos == null && neg == null) {
      throw new MalformedPolicyException(where + "." + name + " is missing (or " + notName + ")");
    }
    String elem = where + "." + (pos != null ? name : notName);
    List<String> values = strings(pos != null ? pos : neg, elem, false);
    if (values.isEmpty()) {
      throw new MalformedPolicyException(elem + " must not be empty");
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      String at = values.size() == 1 ? elem : elem + "[" + i + "]";
      if (v.isEmpty()) {
        throw new MalformedPolicyException(at + " must not be an empty string");
      }
      if (action && !v.equals("*") && (v.indexOf(':') <= 0 || v.indexOf(':') == v.length() - 1)) {
        throw new MalformedPolicyException(at + " must be \"*\" or <service>:<action> (e.g. yundun-sas:ListImageRisk), got \""
            + v + "\"");
      }
    }
    return new Patterns(values, neg != null, action);
  }

  private static void conditions(JsonNode c, String where, List<Condition> out) {
    if (!c.isObject()) {
      throw new MalformedPolicyException(where + " must be an object of {operator: {key: values}}");
    }
    for (Map.Entry<String, JsonNode> op : c.properties()) {
      String opWhere = where + "." + op.getKey();
      ConditionOperator operator = ConditionOperator.named(op.getKey()).orElseThrow(() -> new MalformedPolicyException(
          where + " has an unknown operator \"" + op.getKey() + "\" (String*, Numeric*, Date*, Bool, IpAddress, NotIpAddress)"));
      if (!op.getValue().isObject() || op.getValue().isEmpty()) {
        throw new MalformedPolicyException(opWhere + " must be a non-empty object of {key: values}");
      }
      for (Map.Entry<String, JsonNode> k : op.getValue().properties()) {
        String key = k.getKey();
        String keyWhere = opWhere + "." + key;
        if (key.indexOf(':') <= 0 || key.indexOf(':') == key.length() - 1) {
          throw new MalformedPolicyException(opWhere + " has a condition key \"" + key
              + "\" that is not <service>:<key> (e.g. acs:SourceIp)");
        }
        List<String> values = strings(k.getValue(), keyWhere, true);
        if (values.isEmpty()) {
          throw new MalformedPolicyException(keyWhere + " must list at least one value");
        }
        for (int i = 0; i < values.size(); i++) {
          String v = values.get(i);
          Optional<String> problem = operator.checkValue(v);
          if (problem.isPresent()) {
            String at = values.size() == 1 ? keyWhere : keyWhere + "[" + i + "]";
            throw new MalformedPolicyException(at + ": \"" + v + "\" " + problem.get() + " (operator " + operator + ")");
          }
        }
        out.add(new Condition(operator, key, values));
      }
    }
  }

  /** A string, or a list of strings; condition values may also be numbers or booleans. */
  private static List<String> strings(JsonNode n, String where, boolean scalars) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(scalar(n.get(i), where + "[" + i + "]", scalars));
      }
    } else {
      out.add(scalar(n, where, scalars));
    }
    return out;
  }

  private static String scalar(JsonNode n, String where, boolean scalars) {
    if (n.isString()) {
      return n.asString();
    }
    if (scalars && (n.isNumber() || n.isBoolean())) {
      return n.asString();
    }
    throw new MalformedPolicyException(where + " must be a string" + (scalars ? ", number or boolean" : "")
        + " or a list of them, got " + n);
  }

  private static void unknown(JsonNode object, Set<String> allowed, String where) {
    for (String name : object.propertyNames()) {
      if (!allowed.contains(name)) {
        throw new MalformedPolicyException(where + " has an unknown element \"" + name + "\" (allowed: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }
}
