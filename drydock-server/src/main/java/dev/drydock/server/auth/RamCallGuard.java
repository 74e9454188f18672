package dev.drydock.server.auth;

import dev.drydock.server.api.Action;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.CallGuard;
import dev.drydock.server.api.CallOutcome;
import dev.drydock.server.api.Params;
import dev.drydock.server.api.RpcRequest;
import dev.drydock.server.audit.AuditMasking;
import dev.drydock.server.audit.AuditRecord;
import dev.drydock.server.audit.AuditTrail;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The guard of every call: before the Action, the caller's AccessKey is throttled
 * ({@link ApiThrottle}) and the call authorised ({@link RamAuthorizer}); after it, whatever
 * happened, the call is appended to the audit trail.
 */
@Component
public class RamCallGuard implements CallGuard {

  private static final Logger LOG = LoggerFactory.getLogger(RamCallGuard.class);

  private final ApiThrottle throttle;
  private final RamAuthorizer authorizer;
  private final AuditTrail audit;
  private final Clock clock;

  public RamCallGuard(ApiThrottle throttle, RamAuthorizer authorizer, AuditTrail audit, Clock clock) {
    this.throttle = throttle;
    this.authorizer = authorizer;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void before(Action action, Params params, CallContext context) {
    throttle.check(context.caller().accessKeyId());
    authorizer.authorize(action, params, context);
  }

  @Override
  public void after(CallOutcome o) {
    try {
      RpcRequest r = o.request();
      Caller c = o.caller();
      String params = null;
      if (r != null) {
        Map<String, String> merged = new LinkedHashMap<>(r.form());
        merged.putAll(r.query());
        params = AuditMasking.maskedJson(merged);
      }
      Instant now = clock.instant();
      long micros = o.nanos() / 1_000;
      audit.record(new AuditRecord(now.minusNanos(o.nanos()), o.requestId(),
          c != null ? c.accessKeyId() : claimedKey(r), c != null ? c.userId() : null, c != null ? c.userName() : null,
          r != null ? r.version() : null, o.action(), params, r != null ? r.sourceIp() : o.sourceIp(),
          r != null && r.secure(), o.code(), o.status(), micros));
    } catch (RuntimeException e) {
      LOG.error("could not queue the audit record of request {} ({})", o.requestId(), e.getClass().getSimpleName());
    }
  }

  /** The AccessKeyId a request names (V1 parameter or V3 credential), before it is authenticated. */
  private static @Nullable String claimedKey(@Nullable RpcRequest r) {
    if (r == null) {
      return null;
    }
    String authorization = r.header("authorization");
    if (authorization != null) {
      var parsed = SignatureV3.parse(authorization);
      if (parsed.isPresent()) {
        return parsed.get().accessKeyId();
      }
    }
    return r.param("AccessKeyId").orElse(null);
  }
}
