package dev.drydock.server.inventory.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code Criteria} of DescribeGroupedContainerInstances (reference §1.8): a JSON array of
 * {@code {"name": …, "value": …}} conditions combined by {@code LogicalExp} (AND, the default, or
 * OR). Each condition holds for a group when
 * <ul>
 *   <li>{@code riskStatus} YES / NO: some / none of its pods runs an image with a risk (a
 *       vulnerability, a failed baseline item or a suspicious file in its latest scan);
 *   <li>{@code riskLevel} high / medium / low (also 3 / 2 / 1): its RiskLevel is that level;
 *   <li>any other name: some container of the group matches — {@code clusterId},
 *       {@code clusterType}, {@code regionId}, {@code imageDigest}, {@code podIp}, {@code hostIp}
 *       exactly; {@code clusterName}, {@code namespace}, {@code appName}, {@code pod},
 *       {@code image}, {@code instanceId} (the node) as a case-insensitive substring.
 * </ul>
 * Unknown names, bad values and more than {@value #MAX_CRITERIA} criteria are refused
 * ({@link Invalid}), never ignored.
 */
public record ContainerCriteria(List<Condition> conditions, boolean or) {

  public ContainerCriteria {
    conditions = List.copyOf(conditions);
  }

  public static final ContainerCriteria NONE = new ContainerCriteria(List.of(), false);

  /** The most criteria one call may give: each becomes a column and a bind parameter of the query. */
  public static final int MAX_CRITERIA = 50;

  /** One condition: a group-level test or a container-level column match. */
  public sealed interface Condition {
    /** {@code riskStatus}: whether the group has pods at risk. */
    record RiskStatus(boolean risky) implements Condition {}

    /** {@code riskLevel}: the group's highest level (3 high, 2 medium, 1 low). */
    record RiskLevel(int rank) implements Condition {}

    /** A container column equal to the value, or containing it (case-insensitive) when fuzzy. */
    record Column(String column, String value, boolean fuzzy) implements Condition {}
  }

  /** A Criteria or LogicalExp that cannot be used; the message says why. */
  public static final class Invalid extends IllegalArgumentException {
    private final String parameter;

    public Invalid(String parameter, String why) {
      super(why);
      this.parameter = parameter;
    }

    /** Criteria or LogicalExp. */
    public String parameter() {
      return parameter;
    }
  }

  /** Container-level criteria: name → (column, fuzzy). Columns are of the query's {@code base} rows. */
  private static final Map<String, Map.Entry<String, Boolean>> COLUMNS = Map.ofEntries(
      Map.entry("clusterId", Map.entry("cluster_id", false)),
      Map.entry("clusterType", Map.entry("cluster_type", false)),
      Map.entry("regionId", Map.entry("region_id", false)),
      Map.entry("imageDigest", Map.entry("digest", false)),
      Map.entry("podIp", Map.entry("pod_ip", false)),
      Map.entry("hostIp", Map.entry("host_ip", false)),
      Map.entry("clusterName", Map.entry("cluster_name", true)),
      Map.entry("namespace", Map.entry("namespace", true)),
      Map.entry("appName", Map.entry("app_name", true)),
      Map.entry("pod", Map.entry("pod", true)),
      Map.entry("image", Map.entry("image", true)),
      Map.entry("instanceId", Map.entry("node_name", true)));

  /** Parses Criteria (empty: none) and LogicalExp (empty: AND). */
  public static ContainerCriteria parse(Optional<JsonNode> criteria, Optional<String> logicalExp) {
    boolean or = logicalExp.map(l -> switch (l.toUpperCase(Locale.ROOT)) {
      case "AND" -> false;
      case "OR" -> true;
      default -> throw new Invalid("LogicalExp", "must be AND or OR, got \"" + l + "\"");
    }).orElse(false);
    if (criteria.isEmpty()) {
      return new ContainerCriteria(List.of(), or);
    }
    JsonNode array = criteria.get();
    if (!array.isArray()) {
      throw new Invalid("Criteria", "must be a JSON array of {\"name\":…,\"value\":…} objects");
    }
    if (array.size() > MAX_CRITERIA) {
      throw new Invalid("Criteria", "at most " + MAX_CRITERIA + " criteria, got " + array.size());
    }
    List<Condition> out = new ArrayList<>();
    for (JsonNode c : array) {
      if (!c.isObject() || !c.path("name").isString() || !c.path("value").isValueNode() || c.path("value").isNull()) {
        throw new Invalid("Criteria", "each criterion needs a string \"name\" and a string or number \"value\"");
      }
      String name = c.path("name").asString();
      String value = c.path("value").asString().trim();
      if (value.isEmpty()) {
        throw new Invalid("Criteria", "criterion \"" + name + "\" has an empty value");
      }
      out.add(condition(name, value));
    }
    return new ContainerCriteria(out, or);
  }

  private static Condition condition(String name, String value) {
    return switch (name) {
      case "riskStatus" -> switch (value.toUpperCase(Locale.ROOT)) {
        case "YES" -> new Condition.RiskStatus(true);
        case "NO" -> new Condition.RiskStatus(false);
        default -> throw new Invalid("Criteria", "riskStatus must be YES or NO, got \"" + value + "\"");
      };
      case "riskLevel" -> new Condition.RiskLevel(switch (value.toLowerCase(Locale.ROOT)) {
        case "high", "3" -> 3;
        case "medium", "2" -> 2;
        case "low", "1" -> 1;
        default -> throw new Invalid("Criteria", "riskLevel must be high, medium or low (3, 2, 1), got \"" + value + "\"");
      });
      default -> {
        Map.Entry<String, Boolean> col = COLUMNS.get(name);
        if (col == null) {
          throw new Invalid("Criteria", "unknown criterion \"" + name + "\"; known: riskStatus, riskLevel, "
              + String.join(", ", new java.util.TreeSet<>(COLUMNS.keySet())));
        }
        yield new Condition.Column(col.getKey(), col.getValue() ? value.toLowerCase(Locale.ROOT) : value,
            col.getValue());
      }
    };
  }

  /** The RiskLevel name of a rank: 3 high, 2 medium, 1 low; empty for 0 (no risk). */
  public static Optional<String> levelName(int rank) {
    return switch (rank) {
      case 3 -> Optional.of("high");
      case 2 -> Optional.of("medium");
      case 1 -> Optional.of("low");
      default -> Optional.empty();
    };
  }
}
