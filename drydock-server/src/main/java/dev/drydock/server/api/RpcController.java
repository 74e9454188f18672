package dev.drydock.server.api;

import dev.drydock.server.auth.Authenticator;
import dev.drydock.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RPC endpoint: GET and POST on {@code /} (served by {@link RpcServlet}). Resolves Version and
 * Action (parameters, or the {@code x-acs-version}/{@code x-acs-action} headers V3 clients send
 * instead), authenticates the AccessKey signature, runs the Action and answers JSON with a
 * {@code RequestId}; every failure goes through {@link RpcErrors}. Thread-safe.
 */
@Component
public class RpcController {

  private static final Logger LOG = LoggerFactory.getLogger(RpcController.class);

  /** An answer: its HTTP status and JSON body (always {@code application/json;charset=utf-8}). */
  public record Answer(int status, byte[] body) {}

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

  /** Answers one call; never throws. */
  public Answer call(HttpServletRequest http) {
    String requestId = requestId();
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
      byte[] body = successBody(requestId, result);
      guard.after(new CallOutcome(requestId, request, http.getRemoteAddr(), actionName, caller, 200, "OK",
          System.nanoTime() - start));
      return new Answer(200, body);
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

  /**
   * A random version 4 UUID, upper-case, as the gateway's RequestIds look. It identifies a call in
   * logs and the audit trail and guards nothing, so it comes from a fast thread-local generator,
   * not from the shared (locking) secure one.
   */
  static String requestId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString().toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * {@code {"RequestId":"…", <the result's fields>}}: the result is serialized once and the
   * RequestId written in front of its fields (a result that carries its own RequestId, or is not
   * a JSON object, goes the slower way through a tree, which drops that field).
   */
  private byte[] successBody(String requestId, @Nullable Object result) {
    byte[] head = ("{\"RequestId\":\"" + requestId + "\"").getBytes(StandardCharsets.UTF_8);
    byte[] fields = result == null ? new byte[] {'{', '}'} : mapper.writeValueAsBytes(result);
    if (fields.length < 2 || fields[0] != '{' || startsWith(fields, REQUEST_ID_FIELD)) {
      ObjectNode body = mapper.createObjectNode();
      body.put("RequestId", requestId);
      ObjectNode tree = mapper.valueToTree(result);
      tree.remove("RequestId");
      body.setAll(tree);
      return mapper.writeValueAsBytes(body);
    }
    boolean empty = fields.length == 2;
    byte[] out = new byte[head.length + (empty ? 1 : fields.length)];
    System.arraycopy(head, 0, out, 0, head.length);
    if (empty) {
      out[head.length] = '}';
    } else {
      out[head.length] = ',';
      System.arraycopy(fields, 1, out, head.length + 1, fields.length - 1);
    }
    return out;
  }

  private static final byte[] REQUEST_ID_FIELD = "{\"RequestId\"".getBytes(StandardCharsets.UTF_8);

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private Answer error(ApiException e, String requestId, String hostId, String product) {
    return new Answer(e.code().status(), mapper.writeValueAsBytes(RpcErrors.body(e, requestId, hostId, product)));
  }
}
