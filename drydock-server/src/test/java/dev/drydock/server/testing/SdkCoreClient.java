package dev.drydock.server.testing;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code com.aliyun:aliyun-java-sdk-core} {@code CommonRequest}, signature V1 or V3, GET or POST. */
public final class SdkCoreClient implements SasClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final DefaultAcsClient client;
  private final String endpoint;
  private final boolean v3;
  private final MethodType method;

  public SdkCoreClient(String endpoint, String accessKeyId, String secret, boolean v3, MethodType method) {
    this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", accessKeyId, secret));
    if (v3) {
      client.setSignatureVersion(SignatureVersion.V3);
    }
    this.endpoint = endpoint;
    this.v3 = v3;
    this.method = method;
  }

  @Override
  public String name() {
    return "aliyun-java-sdk-core " + (v3 ? "V3" : "V1") + " " + method;
  }

  @Override
  public JsonNode call(String version, String action, Map<String, Object> query, Map<String, Object> body)
      throws ApiError {
    CommonRequest req = new CommonRequest();
    req.setSysMethod(method);
    req.setSysProtocol(ProtocolType.HTTP);
    req.setSysDomain(endpoint);
    req.setSysProduct(version.equals("2018-12-03") ? "Sas" : "Ram");
    req.setSysVersion(version);
    req.setSysAction(action);
    query.forEach((k, v) -> put(k, v, true, req));
    body.forEach((k, v) -> put(k, v, false, req));
    try {
      CommonResponse resp = client.getCommonResponse(req);
      return JSON.readTree(resp.getData());
    } catch (ServerException e) {
      throw new ApiError(e.getErrCode(), 500, e.getErrMsg());
    } catch (ClientException e) {
      throw new ApiError(e.getErrCode(), 400, e.getErrMsg());
    }
  }

  private static void put(String k, Object v, boolean query, CommonRequest req) {
    if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        put(k + "." + (i + 1), list.get(i), query, req);
      }
      return;
    }
    if (query) {
      req.putQueryParameter(k, String.valueOf(v));
    } else {
      req.putBodyParameter(k, String.valueOf(v));
    }
  }
}
