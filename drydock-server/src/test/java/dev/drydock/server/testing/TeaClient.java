package dev.drydock.server.testing;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code com.aliyun:tea-openapi} {@code Client.callApi}: signature V3 by default (Action only in
 * {@code x-acs-action}), or the legacy V1 RPC signing with {@code signatureAlgorithm = "v2"}.
 */
public final class TeaClient implements SasClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final com.aliyun.teaopenapi.Client client;
  private final boolean v1;

  public TeaClient(String endpoint, String accessKeyId, String secret, boolean v1) {
    Config config = new Config().setAccessKeyId(accessKeyId).setAccessKeySecret(secret);
    config.setEndpoint(endpoint);
    config.setProtocol("http");
    if (v1) {
      config.setSignatureAlgorithm("v2");
    }
    try {
      this.client = new com.aliyun.teaopenapi.Client(config);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    this.v1 = v1;
  }

  @Override
  public String name() {
    return "tea-openapi " + (v1 ? "v2 (signature V1)" : "V3");
  }

  @Override
  public JsonNode call(String version, String action, Map<String, Object> query, Map<String, Object> body)
      throws ApiError {
    Params params = new Params().setAction(action).setVersion(version).setProtocol("HTTPS").setMethod("POST")
        .setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData").setBodyType("json");
    try {
      OpenApiRequest req = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(new HashMap<>(query)));
      if (!body.isEmpty()) {
        req.setBody(com.aliyun.openapiutil.Client.query(new HashMap<>(body)));
      }
      Map<String, ?> resp = client.callApi(params, req, new RuntimeOptions());
      return JSON.valueToTree(resp.get("body"));
    } catch (TeaException e) {
      Object status = e.getData() == null ? null : e.getData().get("statusCode");
      throw new ApiError(e.getCode(), status instanceof Number n ? n.intValue() : 0, e.getMessage());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
