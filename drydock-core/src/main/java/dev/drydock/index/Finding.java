package dev.drydock.index;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A risk found in a file or in the image configuration: a failed baseline item, a secret, a
 * malicious or suspicious file. Findings follow their file through the layers like packages do:
 * a file deleted by a later layer takes its findings with it.
 *
 * @param ruleId the stable key of the check or rule ({@code ak_leak}, {@code aws-access-key-id},
 *     {@code EICAR_Test_File} …)
 * @param level the rule's level: {@code high|medium|low} for baseline and secrets,
 *     {@code serious|suspicious|remind} for malicious files
 * @param path the file, relative to the image root; empty for image-configuration findings
 * @param line 1-based line of the match, when the rule matches text
 * @param evidence what matched, <b>already masked</b> for secrets (a short prefix + {@code ****});
 *     never a full secret
 * @param attributes rule specifics (e.g. {@code md5}, {@code sha256}, {@code class}), sorted by key
 * @param layer digest of the layer the file came from, filled when layers are merged
 */
public record Finding(
    Kind kind,
    String ruleId,
    String title,
    String level,
    String path,
    @Nullable Integer line,
    @Nullable String evidence,
    Map<String, String> attributes,
    @Nullable String layer) {

  public enum Kind { BASELINE, SECRET, MALWARE }

  public Finding {
    attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  public Finding withLayer(@Nullable String l) {
    return new Finding(kind, ruleId, title, level, path, line, evidence, attributes, l);
  }

  public Finding withPath(String p) {
    return new Finding(kind, ruleId, title, level, p, line, evidence, attributes, layer);
  }
}
