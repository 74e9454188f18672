package dev.drydock.server.auth.ram;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a policy is evaluated against: the RAM action ({@code yundun-sas:ListImageRisk}), the
 * resource ARN, and the request's condition keys with their values. Key names are compared
 * without regard to case.
 */
public record AccessRequest(String action, String resource, Map<String, List<String>> keys) {

  public static final String SOURCE_IP = "acs:SourceIp";
  public static final String SECURE_TRANSPORT = "acs:SecureTransport";
  public static final String CURRENT_TIME = "acs:CurrentTime";

  public AccessRequest {
    TreeMap<String, List<String>> k = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.forEach((name, values) -> k.put(name, List.copyOf(values)));
    keys = java.util.Collections.unmodifiableMap(k);
  }

  /** A request with the global keys every call has: source address, TLS or not, and the time. */
  public static AccessRequest of(String action, String resource, String sourceIp, boolean secure, Instant now) {
    return new AccessRequest(action, resource, Map.of(
        SOURCE_IP, List.of(sourceIp),
        SECURE_TRANSPORT, List.of(Boolean.toString(secure)),
        CURRENT_TIME, List.of(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))));
  }

  /** The values of a condition key; empty when the request does not carry it. */
  public Optional<List<String>> values(String key) {
    return Optional.ofNullable(keys.get(key));
  }
}
