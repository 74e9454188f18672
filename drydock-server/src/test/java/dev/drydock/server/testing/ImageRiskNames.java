package dev.drydock.server.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What ListImageRisk selects, in a form tests compare easily. */
public final class ImageRiskNames {

  private ImageRiskNames() {}

  /** {@code RepoNamespace/RepoName:Tag ImageAccessType} of each image ListImageRisk lists (one page of 100). */
  public static List<String> of(SasClient c, Map<String, ?> filter) throws SasClient.ApiError {
    Map<String, Object> q = new LinkedHashMap<>(filter);
    q.put("PageSize", "100");
    List<String> out = new ArrayList<>();
    for (JsonNode i : c.call("ListImageRisk", q).path("ImageRiskList")) {
      out.add(i.path("RepoNamespace").asString() + "/" + i.path("RepoName").asString() + ":" + i.path("Tag").asString()
          + " " + i.path("ImageAccessType").asString());
    }
    return out;
  }
}
