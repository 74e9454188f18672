package dev.drydock.server.api.sas;

import dev.drydock.server.inventory.SqlWhere;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The search criteria of DescribeImageInstances, as DescribeImageCriteria lists them (reference
 * §1.9). An {@code input} criterion matches a case-insensitive substring of its column; a
 * {@code select} criterion matches one of its {@link #allowedValues()} exactly (case-insensitively).
 * Status criteria read the latest scan's counts in {@code image_risk} (no row: NO).
 */
public enum ImageCriterion {
  IMAGE_ID("imageId", "i.image_id"),
  TAG("tag", "i.tag"),
  DIGEST("digest", "i.digest"),
  INSTANCE_ID("instanceId", "CAST(r.registry_id AS VARCHAR(20))"),
  REPO_NAME("repoName", "r.repo_name"),
  REPO_ID("repoId", "r.repo_id"),
  REPO_NAMESPACE("repoNamespace", "r.repo_namespace"),
  REGION_ID("regionId", "r.region_id"),
  REPO_TYPE("repoType", List.of("PRIVATE", "PUBLIC")),
  REGISTRY_TYPE("registryType", RegistryFields.TYPES),
  RISK_STATUS("riskStatus", List.of("NO", "YES")),
  VUL_STATUS("vulStatus", List.of("NO", "YES")),
  HC_STATUS("hcStatus", List.of("NO", "YES")),
  ALARM_STATUS("alarmStatus", List.of("NO", "YES"));

  /** {@code input} (free text) or {@code select} (one of {@link #allowedValues()}). */
  public enum Type { input, select }

  private final String criterionName;
  private final Type type;
  private final String column;
  private final List<String> values;

  ImageCriterion(String name, String column) {
    this.criterionName = name;
    this.type = Type.input;
    this.column = column;
    this.values = List.of();
  }

  ImageCriterion(String name, List<String> values) {
    this.criterionName = name;
    this.type = Type.select;
    this.column = "";
    this.values = List.copyOf(values);
  }

  /** The name clients send ({@code repoName}). */
  public String criterionName() {
    return criterionName;
  }

  public Type type() {
    return type;
  }

  /** The allowed values of a select criterion; empty for input criteria. */
  public List<String> allowedValues() {
    return values;
  }

  public static Optional<ImageCriterion> named(String name) {
    for (ImageCriterion c : values()) {
      if (c.criterionName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The allowed value {@code v} stands for (select criteria compare case-insensitively). */
  public Optional<String> allowed(String v) {
    return values.stream().filter(a -> a.equalsIgnoreCase(v.strip())).findFirst();
  }

  /**
   * The SQL condition for one value: substring for input criteria; for select criteria
   * {@code value} must be one of {@link #allowedValues()} (as returned by {@link #allowed}).
   */
  public String condition(String value, SqlWhere w) {
    return switch (this) {
      case REPO_TYPE -> "r.repo_type = " + w.param(value);
      case REGISTRY_TYPE -> "r.registry_type = " + w.param(value);
      case RISK_STATUS -> yesNo(value, "(COALESCE(k.vul, 0) + COALESCE(k.baseline_num, 0) + COALESCE(k.new_suspicious, 0))");
      case VUL_STATUS -> yesNo(value, "COALESCE(k.vul, 0)");
      case HC_STATUS -> yesNo(value, "COALESCE(k.baseline_num, 0)");
      case ALARM_STATUS -> yesNo(value, "COALESCE(k.new_suspicious, 0)");
      case DIGEST -> column + " ILIKE " + w.param(SqlWhere.containsPattern(stripSha256(value))) + " ESCAPE '\\'";
      default -> column + " ILIKE " + w.param(SqlWhere.containsPattern(value.strip())) + " ESCAPE '\\'";
    };
  }

  private static String yesNo(String value, String count) {
    return count + (value.equals("YES") ? " > 0" : " = 0");
  }

  private static String stripSha256(String v) {
    String s = v.strip();
    return s.toLowerCase(Locale.ROOT).startsWith("sha256:") ? s.substring(7) : s;
  }
}
