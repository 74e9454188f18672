package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.SqlWhere;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * DescribeImageCriteria (reference §1.9): the criteria DescribeImageInstances accepts, as
 * {@code CriteriaList[]{Name, Type, Values}} — Type {@code input} (free text; Values empty) or
 * {@code select} (Values: the allowed values, comma-separated).
 *
 * <p>{@code Value} (optional) is a keyword, matched case-insensitively as a substring: with it,
 * the list keeps the input criteria under which at least one inventory image matches the keyword
 * (its image id, tag, digest, registry id, repository name, id or namespace, or region contains
 * it), and the select criteria having an allowed value that contains it, with Values narrowed to
 * those — what a search box suggests as "keyword in …". At most {@value #MAX_VALUE} characters.
 */
@Component
public class DescribeImageCriteria implements SasAction {

  static final int MAX_VALUE = 256;

  private final JdbcClient jdbc;

  public DescribeImageCriteria(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Response(List<Criterion> criteriaList) {}

  public record Criterion(String name, String type, String values) {}

  @Override
  public Object handle(Params params, CallContext context) {
    String keyword = params.string("Value").map(String::strip).orElse("");
    if (keyword.length() > MAX_VALUE) {
      throw ApiException.invalid("Value", "at most " + MAX_VALUE + " characters, got " + keyword.length());
    }
    List<ImageCriterion> inputs = java.util.Arrays.stream(ImageCriterion.values())
        .filter(c -> c.type() == ImageCriterion.Type.input).toList();
    List<Boolean> inputMatches = keyword.isEmpty() ? inputs.stream().map(c -> true).toList() : matches(inputs, keyword);
    List<Criterion> out = new ArrayList<>();
    for (ImageCriterion c : ImageCriterion.values()) {
      if (c.type() == ImageCriterion.Type.input) {
        if (inputMatches.get(inputs.indexOf(c))) {
          out.add(new Criterion(c.criterionName(), c.type().name(), ""));
        }
        continue;
      }
      String lower = keyword.toLowerCase(Locale.ROOT);
      List<String> values = c.allowedValues().stream().filter(v -> v.toLowerCase(Locale.ROOT).contains(lower)).toList();
      if (!values.isEmpty()) {
        out.add(new Criterion(c.criterionName(), c.type().name(), String.join(",", values)));
      }
    }
    return new Response(out);
  }

  /** For each input criterion, whether some image matches the keyword under it: one query. */
  private List<Boolean> matches(List<ImageCriterion> inputs, String keyword) {
    SqlWhere w = new SqlWhere();
    List<String> exists = new ArrayList<>();
    for (ImageCriterion c : inputs) {
      exists.add("CASE WHEN EXISTS (SELECT 1 FROM image i JOIN image_repo r ON r.id = i.repo_pk WHERE "
          + c.condition(keyword, w) + ") THEN 1 ELSE 0 END");
    }
    return jdbc.sql("SELECT " + String.join(", ", exists)).params(w.params())
        .query((rs, n) -> {
          List<Boolean> row = new ArrayList<>();
          for (int i = 1; i <= inputs.size(); i++) {
            row.add(rs.getInt(i) == 1);
          }
          return row;
        })
        .single();
  }
}
