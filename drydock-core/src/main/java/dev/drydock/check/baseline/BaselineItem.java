package dev.drydock.check.baseline;

import dev.drydock.check.Level;
import dev.drydock.index.Finding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One baseline check, like an Alibaba Cloud Security Center baseline item: a stable key, the
 * class it belongs to, a level, and what to tell the reader.
 *
 * @param key stable snake_case identifier, the {@code ruleId} of its findings ({@code ssh_permit_root_login})
 * @param checkClass the group it belongs to; findings carry it as the {@code class} attribute
 * @param name one-line title
 * @param description what is wrong and why it matters
 * @param advice how to fix it
 * @param reference the benchmark item or manual page that defines the rule
 */
public record BaselineItem(
    String key, BaselineClass checkClass, String name, Level level, String description, String advice, String reference) {

  /**
   * A finding of this item.
   *
   * @param path the file, relative to the image root; empty for image-configuration findings
   * @param evidence what was seen; never a secret in the clear (callers mask values)
   * @param attributes item specifics ({@code account}, {@code port} …); {@code class} is added
   */
  public Finding finding(String path, @Nullable Integer line, @Nullable String evidence, Map<String, String> attributes) {
    Map<String, String> a = new LinkedHashMap<>(attributes);
    a.put("class", checkClass.key());
    return new Finding(Finding.Kind.BASELINE, key, name, level.key(), path, line, evidence, a, null);
  }
}
