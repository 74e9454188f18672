package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.task.ImageFilter;
import dev.drydock.server.task.InventoryImages;
import dev.drydock.server.task.ScanWorkers;
import dev.drydock.server.task.SubmittedImages;
import dev.drydock.server.task.TaskCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * PublicSyncAndCreateImageScanTask (reference §1.4): adds the images of {@code Images} to the
 * inventory (see {@link SubmittedImages} for how each finds its repository) and creates a scan
 * task over exactly them, answering like PublicCreateImageScanTask. {@code Images} is a JSON array
 * of objects with the keys RegistryType, RepoId, InstanceId, RepoNamespace, RegionId, RepoName,
 * Digest, Tag, CreateTime, UpdateTime — in lower camel case (the documented example) or Pascal
 * case. RepoName, Digest (64 hex digits, {@code sha256:} optional) and Tag are required;
 * RepoNamespace/RepoName together at most 255 characters.
 */
@Component
public class PublicSyncAndCreateImageScanTask implements SasAction {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final int MAX_IMAGES = 1000;
  /** The longest repository path (namespace/name), as registries allow (distribution's limit). */
  private static final int MAX_PATH = 255;

  private final SubmittedImages submitted;
  private final InventoryImages images;
  private final TaskCreator creator;
  private final ScanWorkers workers;
  private final TransactionTemplate tx;

  public PublicSyncAndCreateImageScanTask(SubmittedImages submitted, InventoryImages images, TaskCreator creator,
      ScanWorkers workers, PlatformTransactionManager transactions) {
    this.submitted = submitted;
    this.images = images;
    this.creator = creator;
    this.workers = workers;
    this.tx = new TransactionTemplate(transactions);
  }

  @Override
  public Object handle(Params params, CallContext context) {
    params.required("Images");
    JsonNode array = params.json("Images").orElseThrow();
    if (!array.isArray() || array.isEmpty()) {
      throw ApiException.invalid("Images", "must be a non-empty JSON array of image objects");
    }
    if (array.size() > MAX_IMAGES) {
      throw ApiException.invalid("Images", "at most " + MAX_IMAGES + " images per call");
    }
    List<SubmittedImages.Submitted> list = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      list.add(parse(array.get(i), i));
    }
    String sourceIp = ScanTaskFields.sourceIp(params, context.sourceIp());
    List<String> uuids = tx.execute(s -> submitted.put(list));
    ScanTaskFields.Response r = ScanTaskFields.answer(creator.create(images.byUuids(uuids),
        Map.of("Images", list.size()), sourceIp, context.caller().userId()));
    workers.wake();
    return r;
  }

  private static SubmittedImages.Submitted parse(JsonNode n, int index) {
    String where = "Images[" + index + "]";
    if (!n.isObject()) {
      throw ApiException.invalid("Images", where + " is not an object");
    }
    String repoName = text(n, "repoName", where, 256);
    String digest = text(n, "digest", where, 128);
    String tag = text(n, "tag", where, 128);
    if (repoName == null || digest == null || tag == null) {
      throw ApiException.invalid("Images", where + " needs repoName, digest and tag");
    }
    String hex = ImageFilter.normalizeDigest(digest);
    if (!HEX64.matcher(hex).matches()) {
      throw ApiException.invalid("Images", where + ".digest is not a sha256 digest: \"" + digest + "\"");
    }
    if (!TAG.matcher(tag).matches()) {
      throw ApiException.invalid("Images", where + ".tag is not a valid tag: \"" + tag + "\"");
    }
    String ns = text(n, "repoNamespace", where, 256);
    if ((ns == null ? 0 : ns.length() + 1) + repoName.length() > MAX_PATH) {
      throw ApiException.invalid("Images", where + ": repoNamespace/repoName is longer than " + MAX_PATH
          + " characters");
    }
    String type = text(n, "registryType", where, 32);
    if (type != null && !RegistryFields.TYPES.contains(type)) {
      throw ApiException.invalid("Images", where + ".registryType must be one of " + RegistryFields.TYPES);
    }
    return new SubmittedImages.Submitted(type, text(n, "repoId", where, 64), text(n, "instanceId", where, 64),
        ns == null ? "" : ns, text(n, "regionId", where, 64), repoName, hex, tag, number(n, "createTime", where),
        number(n, "updateTime", where));
  }

  /** The value of {@code key} (lower camel) or its Pascal-case form. */
  private static @Nullable JsonNode field(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      v = n.get(key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1));
    }
    return v == null || v.isNull() ? null : v;
  }

  private static @Nullable String text(JsonNode n, String key, String where, int max) {
    JsonNode v = field(n, key);
    if (v == null) {
      return null;
    }
    if (!v.isValueNode() || v.isBoolean()) {
      throw ApiException.invalid("Images", where + "." + key + " must be a string");
    }
    String s = v.asString().trim();
    if (s.length() > max) {
      throw ApiException.invalid("Images", where + "." + key + " is longer than " + max + " characters");
    }
    return s.isEmpty() ? null : s;
  }

  private static @Nullable Long number(JsonNode n, String key, String where) {
    JsonNode v = field(n, key);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asString().trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Images", where + "." + key + " must be epoch milliseconds");
    }
  }
}
