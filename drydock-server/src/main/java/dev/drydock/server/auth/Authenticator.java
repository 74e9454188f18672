package dev.drydock.server.auth;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.RpcRequest;
import dev.drydock.server.audit.AuditMasking;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Authenticates RPC calls signed with an AccessKey: signature V3 when the {@code Authorization}
 * header carries {@code ACS3-HMAC-SHA256}, else signature V1 from the {@code Signature}
 * parameter. Checks, in order: the request is complete, the timestamp lies within 15 minutes of
 * the server's clock, the key exists and is active, the signature matches, and the nonce has not
 * been used — so a replayed request is refused even with a valid signature, and an unsigned one
 * never claims a nonce.
 */
@Component
public class Authenticator {

  static final Duration WINDOW = Duration.ofMinutes(15);
  /** The longest nonce accepted (clients send UUIDs or 32 hex digits). */
  static final int MAX_NONCE = 128;

  private final AccessKeyStore keys;
  private final NonceStore nonces;
  private final Clock clock;

  public Authenticator(AccessKeyStore keys, NonceStore nonces, Clock clock) {
    this.keys = keys;
    this.nonces = nonces;
    this.clock = clock;
  }

  public Caller authenticate(RpcRequest r) {
    String authorization = r.header("authorization");
    if (authorization != null && authorization.startsWith(SignatureV3.ALGORITHM)) {
      return v3(r, authorization);
    }
    if (r.param("Signature").isPresent()) {
      return v1(r);
    }
    throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE,
        "The request signature does not conform to Aliyun standards: no Signature parameter and no ACS3-HMAC-SHA256 Authorization header.");
  }

  private Caller v1(RpcRequest r) {
    String keyId = r.param("AccessKeyId").filter(s -> !s.isEmpty()).orElseThrow(() -> ApiException.missing("AccessKeyId"));
    String signature = r.param("Signature").orElseThrow();
    String nonce = r.param("SignatureNonce").filter(s -> !s.isEmpty()).orElseThrow(() -> ApiException.missing("SignatureNonce"));
    String timestamp = r.param("Timestamp").filter(s -> !s.isEmpty()).orElseThrow(() -> ApiException.missing("Timestamp"));
    String method = r.param("SignatureMethod").orElse("");
    if (!method.equalsIgnoreCase("HMAC-SHA1")) {
      throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE,
          "The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1.");
    }
    Instant signedAt = checkTime(timestamp);
    AccessKeyStore.Credential cred = key(keyId);
    Map<String, String> all = new LinkedHashMap<>(r.form());
    all.putAll(r.query());
    SignatureV1.Result result = SignatureV1.verify(r.method(), all, cred.secret(), signature);
    if (!result.matches()) {
      // The string to sign helps a client find what it encoded differently; secrets it sent stay out of it.
      Map<String, String> shown = new LinkedHashMap<>(all);
      shown.replaceAll((k, v) -> AuditMasking.isSecretName(k) ? AuditMasking.MASK : v);
      throw new ApiException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Specified signature is not matched with our calculation. server string to sign is:"
              + SignatureV1.stringToSign(r.method(), shown, true));
    }
    claim(keyId, nonce, signedAt, "SignatureNonce");
    return new Caller(keyId, cred.key().userId(), cred.userName());
  }

  private Caller v3(RpcRequest r, String header) {
    SignatureV3.Authorization auth = SignatureV3.parse(header).orElseThrow(() -> new ApiException(
        ErrorCode.INCOMPLETE_SIGNATURE,
        "The request signature does not conform to Aliyun standards: Authorization needs Credential, SignedHeaders and Signature."));
    List<String> signed = auth.signedHeaders();
    for (String required : List.of("x-acs-date", "x-acs-signature-nonce")) {
      if (r.header(required) == null) {
        throw ApiException.missing(required);
      }
      if (!signed.contains(required)) {
        throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE,
            "The request signature does not conform to Aliyun standards: " + required + " must be a signed header.");
      }
    }
    String bodyHash = SignatureV3.sha256Hex(r.body());
    String declared = r.header("x-acs-content-sha256");
    if (declared != null && !declared.equalsIgnoreCase(bodyHash)) {
      throw new ApiException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Specified signature is not matched with our calculation: x-acs-content-sha256 does not match the body.");
    }
    if (r.body().length > 0 && (declared == null || !signed.contains("x-acs-content-sha256"))) {
      throw new ApiException(ErrorCode.INCOMPLETE_SIGNATURE,
          "The request signature does not conform to Aliyun standards: a request with a body must sign x-acs-content-sha256.");
    }
    Instant signedAt = checkTime(r.header("x-acs-date"));
    AccessKeyStore.Credential cred = key(auth.accessKeyId());
    String canonical = SignatureV3.canonicalRequest(r.method(), r.query(), signed, r::header,
        declared != null ? declared.toLowerCase(java.util.Locale.ROOT) : bodyHash);
    String stringToSign = SignatureV3.stringToSign(canonical);
    if (!SignatureV3.matches(stringToSign, cred.secret(), auth.signature())) {
      throw new ApiException(ErrorCode.SIGNATURE_DOES_NOT_MATCH,
          "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
    }
    claim(auth.accessKeyId(), r.header("x-acs-signature-nonce"), signedAt, "x-acs-signature-nonce");
    return new Caller(auth.accessKeyId(), cred.key().userId(), cred.userName());
  }

  private AccessKeyStore.Credential key(String keyId) {
    Optional<AccessKeyStore.Credential> cred = keys.credential(keyId);
    if (cred.isEmpty()) {
      throw new ApiException(ErrorCode.ACCESS_KEY_NOT_FOUND);
    }
    if (cred.get().key().status() != AccessKey.Status.Active) {
      throw new ApiException(ErrorCode.ACCESS_KEY_INACTIVE);
    }
    return cred.get();
  }

  /** The request's time, when within the window of the server's clock. */
  private Instant checkTime(String timestamp) {
    Instant t;
    try {
      t = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new ApiException(ErrorCode.TIMESTAMP_FORMAT,
          "Specified time stamp or date value is not well formatted: \"" + timestamp + "\" (want yyyy-MM-ddTHH:mm:ssZ, UTC).");
    }
    if (Duration.between(t, clock.instant()).abs().compareTo(WINDOW) > 0) {
      throw new ApiException(ErrorCode.TIMESTAMP_EXPIRED);
    }
    return t;
  }

  private void claim(String keyId, String nonce, Instant signedAt, String parameter) {
    if (nonce.length() > MAX_NONCE) {
      throw ApiException.invalid(parameter, "longer than " + MAX_NONCE + " characters.");
    }
    if (!nonces.claim(keyId, nonce, signedAt)) {
      throw new ApiException(ErrorCode.NONCE_USED);
    }
  }
}
