package dev.drydock.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an image configuration that scanning uses.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</a>
 */
public record ImageConfig(
    @Nullable String os,
    @Nullable String architecture,
    @Nullable String variant,
    @Nullable String created,
    @Nullable String user,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    @Nullable String workingDir,
    List<String> exposedPorts,
    Map<String, String> labels,
    @Nullable List<String> healthcheck,
    List<String> diffIds,
    List<History> history) {

  public ImageConfig {
    env = List.copyOf(env);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    exposedPorts = List.copyOf(exposedPorts);
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    healthcheck = healthcheck == null ? null : List.copyOf(healthcheck);
    diffIds = List.copyOf(diffIds);
    history = List.copyOf(history);
  }

  /** One history entry; {@code emptyLayer} entries have no layer of their own. */
  public record History(@Nullable String created, @Nullable String createdBy, @Nullable String comment, boolean emptyLayer) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ImageConfig parse(byte[] bytes, String what) throws ImageException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ImageException("malformed image config for " + what + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ImageException("read " + what + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ImageException("malformed image config for " + what + ": not a JSON object");
    }
    JsonNode c = root.path("config");
    List<String> ports = new ArrayList<>();
    c.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    Map<String, String> labels = new LinkedHashMap<>();
    c.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<String> health = null;
    JsonNode hc = c.get("Healthcheck");
    if (hc != null && hc.isObject()) {
      health = strings(hc.get("Test"));
    }
    List<History> history = new ArrayList<>();
    for (JsonNode h : root.path("history")) {
      history.add(new History(ManifestParser.text(h, "created"), ManifestParser.text(h, "created_by"),
          ManifestParser.text(h, "comment"), h.path("empty_layer").asBoolean(false)));
    }
    return new ImageConfig(
        ManifestParser.text(root, "os"),
        ManifestParser.text(root, "architecture"),
        ManifestParser.text(root, "variant"),
        ManifestParser.text(root, "created"),
        ManifestParser.text(c, "User"),
        strings(c.get("Env")),
        strings(c.get("Entrypoint")),
        strings(c.get("Cmd")),
        ManifestParser.text(c, "WorkingDir"),
        ports,
        labels,
        health,
        strings(root.path("rootfs").get("diff_ids")),
        history);
  }

  private static List<String> strings(@Nullable JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  /**
   * The {@code created_by} of each non-empty history entry, aligned with the layers; entries are
   * null when the history does not line up with the layer count.
   */
  public List<@Nullable String> layerCommands(int layerCount) {
    List<@Nullable String> out = new ArrayList<>();
    for (History h : history) {
      if (!h.emptyLayer()) {
        out.add(h.createdBy());
      }
    }
    if (out.size() != layerCount) {
      out = new ArrayList<>();
      for (int i = 0; i < layerCount; i++) {
        out.add(null);
      }
    }
    return out;
  }
}
