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
 * Turns manifest bytes into a {@link ManifestDocument}, validating what later stages rely on.
 *
 * <p>The media type comes from the document's {@code mediaType} field; when that is absent (some
 * tools, umoci among them, omit it) the Content-Type the document was served with decides, and
 * failing both the shape of the document does ({@code manifests} → index, {@code config} →
 * manifest). Schema 1 is refused with an explanation rather than half-read.
 */
public final class ManifestParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestParser() {}

  /**
   * @param bytes the manifest exactly as served (its digest is computed by the caller)
   * @param contentType the Content-Type it was served with, or null for local layouts
   * @param what the reference being read, used in error messages
   */
  public static ManifestDocument parse(byte[] bytes, @Nullable String contentType, String what) throws ImageException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ImageException("malformed manifest for " + what + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ImageException("read " + what + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ImageException("malformed manifest for " + what + ": not a JSON object");
    }
    String mediaType = text(root, "mediaType");
    if (mediaType == null && contentType != null) {
      String ct = MediaTypes.bare(contentType);
      if (MediaTypes.isIndex(ct) || MediaTypes.isManifest(ct) || MediaTypes.isSchema1(ct)) {
        mediaType = ct;
      }
    }
    if (root.path("schemaVersion").asInt(0) == 1 || (mediaType != null && MediaTypes.isSchema1(mediaType))) {
      throw new ImageException("unsupported manifest for " + what
          + ": Docker schema 1 (the registry converts schema 2 to schema 1 only for clients that do not accept schema 2)");
    }
    if (mediaType == null) {
      mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    try {
      if (MediaTypes.isIndex(mediaType)) {
        List<Descriptor> manifests = new ArrayList<>();
        for (JsonNode m : array(root, "manifests")) {
          manifests.add(descriptor(m));
        }
        return new ManifestDocument.Index(mediaType, manifests);
      }
      if (MediaTypes.isManifest(mediaType)) {
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
          throw new IllegalArgumentException("missing config descriptor");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : array(root, "layers")) {
          layers.add(descriptor(l));
        }
        return new ManifestDocument.Manifest(mediaType, descriptor(config), layers);
      }
    } catch (IllegalArgumentException e) {
      throw new ImageException("malformed manifest for " + what + ": " + e.getMessage());
    }
    throw new ImageException("unsupported manifest media type for " + what + ": " + mediaType);
  }

  static Descriptor descriptor(JsonNode n) {
    String mediaType = text(n, "mediaType");
    String digest = text(n, "digest");
    if (digest == null) {
      throw new IllegalArgumentException("descriptor without digest");
    }
    JsonNode size = n.get("size");
    if (size == null || !size.canConvertToLong()) {
      throw new IllegalArgumentException("descriptor " + digest + " without size");
    }
    Platform platform = null;
    JsonNode p = n.get("platform");
    if (p != null && p.isObject() && text(p, "os") != null && text(p, "architecture") != null) {
      platform = new Platform(text(p, "os"), text(p, "architecture"), text(p, "variant"));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    n.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    List<String> urls = new ArrayList<>();
    n.path("urls").forEach(u -> urls.add(u.asText()));
    return new Descriptor(mediaType == null ? "" : mediaType, Digest.parse(digest), size.asLong(), platform, annotations, urls);
  }

  private static Iterable<JsonNode> array(JsonNode root, String field) {
    JsonNode a = root.get(field);
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" is not an array");
    }
    return a;
  }

  static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}
