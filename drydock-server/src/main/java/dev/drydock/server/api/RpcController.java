package dev.drydock.server.api;

import dev.drydock.server.auth.Authenticator;
import dev.drydock.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RPC endpoint: GET and POST on {@code /}. Resolves Version and Action (parameters, or the
 * {@code x-acs-version}/{@code x-acs-action} headers V3 clients send instead), authenticates the
 * AccessKey signature, runs the Action and answers JSON with a {@code RequestId}; every failure
 * goes through {@link RpcErrors}.
 */
@RestController
public class RpcController {

  private static final Logger LOG = LoggerFactory.getLogger(RpcController.class);
  static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=utf-8");

  private final ActionRegistry actions;
  private final Authenticator authenticator;
  private final JsonMapper mapper;
  private final CallGuard guard;

  public RpcController(ActionRegistry actions, Authenticator authenticator, ApiJson json, CallGuard guard) {
    this.actions = actions;
    this.authenticator = authenticator;
    this.mapper = json.mapper();
    this.guard = guard;
  }

  @RequestMapping(path = "/", method = {RequestMethod.GET, RequestMethod.POST})
  public ResponseEntity<byte[]> call(HttpServletRequest http) {
    String requestId = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    String hostId = http.getServerName();
    String product = "Sas";
    long start = System.nanoTime();
    RpcRequest request = null;
    String actionName = null;
    Caller caller = null;
    try {
      request = RpcRequestReader.read(http);
      String version = request.version();
      actionName = request.action();
      if (version == null || version.isEmpty()) {
        throw ApiException.missing("Version");
      }
      if (!actions.knowsVersion(version)) {
        throw new ApiException(ErrorCode.INVALID_VERSION, "Specified parameter Version is not valid: " + version);
      }
      if (!SasApi.VERSION.equals(version)) {
        product = "Ram";
      }
      if (actionName == null || actionName.isEmpty()) {
        throw ApiException.missing("Action");
      }
      String name = actionName;
      Action action = actions.find(version, name).orElseThrow(() -> new ApiException(ErrorCode.INVALID_API,
          "Specified api is not found, please check your url and method: " + name + " (version " + version + ")"));
      caller = authenticator.authenticate(request);
      Map<String, String> merged = new LinkedHashMap<>(request.form());
      merged.putAll(request.query());
      CallContext context = new CallContext(requestId, caller, request.sourceIp(), request.secure());
      guard.before(action, new Params(merged), context);
      Object result = action.handle(new Params(merged), context);
      ObjectNode body = mapper.createObjectNode();
      body.put("RequestId", requestId);
      ObjectNode fields = result == null ? mapper.createObjectNode() : mapper.valueToTree(result);
      fields.remove("RequestId");
      body.setAll(fields);
      guard.after(new CallOutcome(requestId, request, http.getRemoteAddr(), actionName, caller, 200, "OK",
          System.nanoTime() - start));
      return ResponseEntity.ok().contentType(JSON_UTF8).body(mapper.writeValueAsBytes(body));
    } catch (ApiException e) {
      guard.after(new CallOutcome(requestId, request, http.getRemoteAddr(), actionName, caller, e.code().status(),
          e.code().code(), System.nanoTime() - start));
      return error(e, requestId, hostId, product);
    } catch (IOException | RuntimeException e) {
      LOG.error("request {} ({}) failed", requestId, actionName, e);
      ApiException server = new ApiException(ErrorCode.SERVER_ERROR);
      guard.after(new CallOutcome(requestId, request, http.getRemoteAddr(), actionName, caller, 500,
          server.code().code(), System.nanoTime() - start));
      return error(server, requestId, hostId, product);
    }
  }

  private ResponseEntity<byte[]> error(ApiException e, String requestId, String hostId, String product) {
    return ResponseEntity.status(e.code().status()).contentType(JSON_UTF8)
        .body(mapper.writeValueAsBytes(RpcErrors.body(e, requestId, hostId, product)));
  }
}
