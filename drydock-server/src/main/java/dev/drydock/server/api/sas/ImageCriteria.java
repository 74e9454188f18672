package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.SqlWhere;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * DescribeImageInstances' {@code Criteria} and {@code LogicalExp} (reference §1.9), turned into
 * one condition.
 *
 * <p>{@code Criteria} is a JSON array of {@code {"name": …, "value": …, "logicalExp": "OR"|"AND"}};
 * names are those of {@link ImageCriterion} (DescribeImageCriteria lists them). A value may hold
 * several comma-separated values, combined by the criterion's {@code logicalExp} (default OR).
 * The criteria are combined by the {@code LogicalExp} parameter (default AND). A criterion with
 * an empty value is ignored. Anything else — not JSON, not an array of objects, an unknown name,
 * a select value outside the allowed set, a logicalExp other than OR/AND, more than
 * {@value #MAX_CRITERIA} criteria or more than {@value #MAX_VALUES} values in one — is
 * InvalidParameter naming Criteria (or LogicalExp).
 */
final class ImageCriteria {

  static final int MAX_CRITERIA = 50;
  /** The most comma-separated values one criterion may hold (each is a bind parameter). */
  static final int MAX_VALUES = 100;
  private static final List<String> LOGICAL = List.of("OR", "AND");

  private ImageCriteria() {}

  /** Adds the condition of the request's Criteria and LogicalExp to {@code where}, if any. */
  static void apply(Params params, SqlWhere where) {
    String between = params.oneOf("LogicalExp", LOGICAL).orElse("AND");
    Optional<JsonNode> json = params.json("Criteria");
    if (json.isEmpty() || json.get().isNull()) {
      return;
    }
    JsonNode list = json.get();
    if (!list.isArray()) {
      throw invalid("must be a JSON array of {\"name\", \"value\", \"logicalExp\"} objects");
    }
    if (list.size() > MAX_CRITERIA) {
      throw invalid("at most " + MAX_CRITERIA + " criteria, got " + list.size());
    }
    List<String> conditions = new ArrayList<>();
    for (JsonNode item : list) {
      condition(item, where).ifPresent(conditions::add);
    }
    if (!conditions.isEmpty()) {
      where.and("(" + String.join(" " + between + " ", conditions) + ")");
    }
  }

  private static Optional<String> condition(JsonNode item, SqlWhere where) {
    if (!item.isObject()) {
      throw invalid("every element must be an object with name and value, got " + item);
    }
    String name = scalar(item, "name").orElseThrow(() -> invalid("an element has no \"name\": " + item));
    ImageCriterion criterion = ImageCriterion.named(name)
        .orElseThrow(() -> invalid("unknown name \"" + name + "\" (DescribeImageCriteria lists the names)"));
    String within = scalar(item, "logicalExp").orElse("OR");
    if (!LOGICAL.contains(within)) {
      throw invalid("logicalExp of \"" + name + "\" must be OR or AND, got \"" + within + "\"");
    }
    List<String> parts = new ArrayList<>();
    String[] values = scalar(item, "value").orElse("").split(",");
    if (values.length > MAX_VALUES) {
      throw invalid("at most " + MAX_VALUES + " comma-separated values in \"" + name + "\", got " + values.length);
    }
    for (String v : values) {
      if (v.isBlank()) {
        continue;
      }
      if (criterion.type() == ImageCriterion.Type.select) {
        String allowed = criterion.allowed(v).orElseThrow(() -> invalid("\"" + name + "\" must be one of "
            + criterion.allowedValues() + ", got \"" + v.strip() + "\""));
        parts.add(criterion.condition(allowed, where));
      } else {
        parts.add(criterion.condition(v, where));
      }
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of("(" + String.join(" " + within + " ", parts) + ")");
  }

  private static Optional<String> scalar(JsonNode item, String field) {
    JsonNode v = item.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      throw invalid("\"" + field + "\" must be a string, got " + v);
    }
    return Optional.of(v.asString());
  }

  private static ApiException invalid(String why) {
    return ApiException.invalid("Criteria", why);
  }
}
