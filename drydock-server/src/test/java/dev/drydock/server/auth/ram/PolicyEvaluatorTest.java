package dev.drydock.server.auth.ram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluation table: each row is a set of policy documents, a request and the decision RAM's
 * rules give. Requests default to action {@code yundun-sas:ListImageRisk}, resource {@code *},
 * source 127.0.0.1, plain HTTP, at 2026-06-01T12:00:00Z.
 */
class PolicyEvaluatorTest {

  static final String READ = "yundun-sas:ListImageRisk";
  static final String WRITE = "yundun-sas:PublicCreateImageScanTask";
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  record Req(String action, String resource, String ip, boolean secure, Instant now, Map<String, String> extra) {
    Req(String action, String resource, String ip, boolean secure, Instant now) {
      this(action, resource, ip, secure, now, Map.of());
    }

    AccessRequest access() {
      AccessRequest base = AccessRequest.of(action, resource, ip, secure, now);
      Map<String, List<String>> keys = new HashMap<>(base.keys());
      extra.forEach((k, v) -> keys.put(k, List.of(v)));
      return new AccessRequest(action, resource, keys);
    }

    @Override
    public String toString() {
      return action + " on " + resource + " from " + ip + (secure ? " (TLS)" : "") + " at " + now;
    }
  }

  static Req req(String action) {
    return new Req(action, "*", "127.0.0.1", false, NOW);
  }

  static Req from(String ip) {
    return new Req(READ, "*", ip, false, NOW);
  }

  static String stmt(String effect, String actionKey, String actions, String resourceKey, String resources,
      String condition) {
    return "{\"Effect\":\"" + effect + "\",\"" + actionKey + "\":" + actions + ",\"" + resourceKey + "\":" + resources
        + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}";
  }

  static String allow(String actions) {
    return stmt("Allow", "Action", actions, "Resource", "\"*\"", "");
  }

  static String deny(String actions) {
    return stmt("Deny", "Action", actions, "Resource", "\"*\"", "");
  }

  static String allowIf(String condition) {
    return stmt("Allow", "Action", "\"yundun-sas:*\"", "Resource", "\"*\"", condition);
  }

  static String policy(String... statements) {
    return "{\"Version\":\"1\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static Arguments row(String name, List<String> policies, Req request, Decision expected) {
    return Arguments.of(name, policies, request, expected);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // basics
        row("no policy at all", List.of(), req(READ), Decision.IMPLICIT_DENY),
        row("a policy with no statement", List.of(policy()), req(READ), Decision.IMPLICIT_DENY),
        row("exact allow", List.of(policy(allow("\"" + READ + "\""))), req(READ), Decision.ALLOW),
        row("allow of another action", List.of(policy(allow("\"" + READ + "\""))), req(WRITE), Decision.IMPLICIT_DENY),
        row("exact deny", List.of(policy(deny("\"" + READ + "\""))), req(READ), Decision.EXPLICIT_DENY),
        row("allow star", List.of(policy(allow("\"*\""))), req("ram:CreateUser"), Decision.ALLOW),
        // wildcards, case
        row("service wildcard", List.of(policy(allow("\"yundun-sas:*\""))), req(WRITE), Decision.ALLOW),
        row("service wildcard, other service", List.of(policy(allow("\"yundun-sas:*\""))), req("ram:ListUsers"),
            Decision.IMPLICIT_DENY),
        row("prefix wildcard", List.of(policy(allow("\"yundun-sas:List*\""))), req(READ), Decision.ALLOW),
        row("prefix wildcard, no match", List.of(policy(allow("\"yundun-sas:List*\""))), req(WRITE),
            Decision.IMPLICIT_DENY),
        row("middle wildcard", List.of(policy(allow("\"yundun-sas:Public*ImageScanTask\""))), req(WRITE), Decision.ALLOW),
        row("question mark is one character", List.of(policy(allow("\"yundun-sas:ListImageRis?\""))), req(READ),
            Decision.ALLOW),
        row("question mark is not two", List.of(policy(allow("\"yundun-sas:ListImageRi?\""))), req(READ),
            Decision.IMPLICIT_DENY),
        row("actions ignore case", List.of(policy(allow("\"YUNDUN-SAS:listimagerisk\""))), req(READ), Decision.ALLOW),
        row("single value equals one-element list", List.of(policy(allow("[\"" + READ + "\"]"))), req(READ),
            Decision.ALLOW),
        row("any of several actions", List.of(policy(allow("[\"ram:*\",\"" + READ + "\"]"))), req(READ), Decision.ALLOW),
        // NotAction / NotResource
        row("NotAction allows the rest", List.of(policy(stmt("Allow", "NotAction", "\"" + WRITE + "\"", "Resource",
            "\"*\"", ""))), req(READ), Decision.ALLOW),
        row("NotAction does not allow the named", List.of(policy(stmt("Allow", "NotAction", "\"" + WRITE + "\"",
            "Resource", "\"*\"", ""))), req(WRITE), Decision.IMPLICIT_DENY),
        row("Deny with NotAction denies all but the named", List.of(policy(allow("\"*\""),
            stmt("Deny", "NotAction", "\"yundun-sas:List*\"", "Resource", "\"*\"", ""))), req(WRITE),
            Decision.EXPLICIT_DENY),
        row("Deny with NotAction spares the named", List.of(policy(allow("\"*\""),
            stmt("Deny", "NotAction", "\"yundun-sas:List*\"", "Resource", "\"*\"", ""))), req(READ), Decision.ALLOW),
        row("resource pattern matches", List.of(policy(stmt("Allow", "Action", "\"ram:*\"", "Resource",
            "\"acs:ram:*:*:user/ci-*\"", ""))), new Req("ram:CreateAccessKey", "acs:ram:*:*:user/ci-bot", "127.0.0.1",
            false, NOW), Decision.ALLOW),
        row("resource pattern does not match", List.of(policy(stmt("Allow", "Action", "\"ram:*\"", "Resource",
            "\"acs:ram:*:*:user/ci-*\"", ""))), new Req("ram:CreateAccessKey", "acs:ram:*:*:user/admin", "127.0.0.1",
            false, NOW), Decision.IMPLICIT_DENY),
        row("resources are case-sensitive", List.of(policy(stmt("Allow", "Action", "\"ram:*\"", "Resource",
            "\"acs:ram:*:*:user/CI-*\"", ""))), new Req("ram:GetUser", "acs:ram:*:*:user/ci-bot", "127.0.0.1", false,
            NOW), Decision.IMPLICIT_DENY),
        row("NotResource allows other resources", List.of(policy(stmt("Allow", "Action", "\"ram:*\"", "NotResource",
            "\"acs:ram:*:*:user/admin\"", ""))), new Req("ram:GetUser", "acs:ram:*:*:user/ci-bot", "127.0.0.1", false,
            NOW), Decision.ALLOW),
        row("NotResource excludes the named", List.of(policy(stmt("Allow", "Action", "\"ram:*\"", "NotResource",
            "\"acs:ram:*:*:user/admin\"", ""))), new Req("ram:GetUser", "acs:ram:*:*:user/admin", "127.0.0.1", false,
            NOW), Decision.IMPLICIT_DENY),
        // explicit deny wins
        row("deny beats allow in one policy", List.of(policy(allow("\"*\""), deny("\"" + WRITE + "\""))), req(WRITE),
            Decision.EXPLICIT_DENY),
        row("deny beats allow across policies", List.of(policy(allow("\"*\"")), policy(deny("\"yundun-sas:Public*\""))),
            req(WRITE), Decision.EXPLICIT_DENY),
        row("deny before allow in order changes nothing", List.of(policy(deny("\"" + WRITE + "\"")), policy(allow("\"*\""))),
            req(WRITE), Decision.EXPLICIT_DENY),
        row("deny of another action leaves the allow", List.of(policy(allow("\"*\""), deny("\"" + WRITE + "\""))),
            req(READ), Decision.ALLOW),
        // String operators
        row("StringEquals holds", List.of(policy(allowIf("{\"StringEquals\":{\"acs:SourceIp\":\"127.0.0.1\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("StringEquals fails", List.of(policy(allowIf("{\"StringEquals\":{\"acs:SourceIp\":\"127.0.0.2\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        row("StringEquals is case-sensitive", List.of(policy(allowIf("{\"StringEquals\":{\"acs:SecureTransport\":\"FALSE\"}}"))),
            req(READ), Decision.IMPLICIT_DENY),
        row("StringEqualsIgnoreCase", List.of(policy(allowIf("{\"StringEqualsIgnoreCase\":{\"acs:SecureTransport\":\"FALSE\"}}"))),
            req(READ), Decision.ALLOW),
        row("StringNotEquals holds", List.of(policy(allowIf("{\"StringNotEquals\":{\"acs:SourceIp\":\"10.1.1.1\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("StringNotEquals fails", List.of(policy(allowIf("{\"StringNotEquals\":{\"acs:SourceIp\":\"127.0.0.1\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        row("StringNotEqualsIgnoreCase fails", List.of(policy(allowIf(
            "{\"StringNotEqualsIgnoreCase\":{\"acs:SecureTransport\":\"FALSE\"}}"))), req(READ), Decision.IMPLICIT_DENY),
        row("StringNotEqualsIgnoreCase holds", List.of(policy(allowIf(
            "{\"StringNotEqualsIgnoreCase\":{\"acs:SecureTransport\":\"TRUE\"}}"))), req(READ), Decision.ALLOW),
        row("StringLike", List.of(policy(allowIf("{\"StringLike\":{\"acs:SourceIp\":\"127.0.*\"}}"))), from("127.0.0.1"),
            Decision.ALLOW),
        row("StringLike no match", List.of(policy(allowIf("{\"StringLike\":{\"acs:SourceIp\":\"10.*\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        row("StringNotLike", List.of(policy(allowIf("{\"StringNotLike\":{\"acs:SourceIp\":\"10.*\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("StringNotLike fails", List.of(policy(allowIf("{\"StringNotLike\":{\"acs:SourceIp\":\"127.?.0.1\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        // Numeric operators (on a request key that holds a number: the last octet is not one, so use a custom key)
        row("NumericEquals", List.of(policy(allowIf("{\"NumericEquals\":{\"drydock:Answer\":42}}"))), numeric("42.0"),
            Decision.ALLOW),
        row("NumericEquals fails", List.of(policy(allowIf("{\"NumericEquals\":{\"drydock:Answer\":41}}"))), numeric("42"),
            Decision.IMPLICIT_DENY),
        row("NumericNotEquals", List.of(policy(allowIf("{\"NumericNotEquals\":{\"drydock:Answer\":41}}"))), numeric("42"),
            Decision.ALLOW),
        row("NumericLessThan", List.of(policy(allowIf("{\"NumericLessThan\":{\"drydock:Answer\":\"43\"}}"))),
            numeric("42"), Decision.ALLOW),
        row("NumericLessThan fails on equal", List.of(policy(allowIf("{\"NumericLessThan\":{\"drydock:Answer\":42}}"))),
            numeric("42"), Decision.IMPLICIT_DENY),
        row("NumericLessThanEquals", List.of(policy(allowIf("{\"NumericLessThanEquals\":{\"drydock:Answer\":42}}"))),
            numeric("42"), Decision.ALLOW),
        row("NumericGreaterThan", List.of(policy(allowIf("{\"NumericGreaterThan\":{\"drydock:Answer\":41.5}}"))),
            numeric("42"), Decision.ALLOW),
        row("NumericGreaterThan fails", List.of(policy(allowIf("{\"NumericGreaterThan\":{\"drydock:Answer\":42}}"))),
            numeric("42"), Decision.IMPLICIT_DENY),
        row("NumericGreaterThanEquals", List.of(policy(allowIf("{\"NumericGreaterThanEquals\":{\"drydock:Answer\":42}}"))),
            numeric("42"), Decision.ALLOW),
        // Date operators on acs:CurrentTime
        row("DateLessThan holds before", List.of(policy(allowIf("{\"DateLessThan\":{\"acs:CurrentTime\":\"2030-01-01T00:00:00Z\"}}"))),
            req(READ), Decision.ALLOW),
        row("DateLessThan fails after", List.of(policy(allowIf("{\"DateLessThan\":{\"acs:CurrentTime\":\"2020-01-01\"}}"))),
            req(READ), Decision.IMPLICIT_DENY),
        row("DateLessThanEquals on the second", List.of(policy(allowIf(
            "{\"DateLessThanEquals\":{\"acs:CurrentTime\":\"2026-06-01T20:00:00+08:00\"}}"))), req(READ), Decision.ALLOW),
        row("DateGreaterThan", List.of(policy(allowIf("{\"DateGreaterThan\":{\"acs:CurrentTime\":\"2026-06-01T11:59:59Z\"}}"))),
            req(READ), Decision.ALLOW),
        row("DateGreaterThanEquals fails before", List.of(policy(allowIf(
            "{\"DateGreaterThanEquals\":{\"acs:CurrentTime\":\"2026-06-01T12:00:01Z\"}}"))), req(READ),
            Decision.IMPLICIT_DENY),
        row("DateEquals", List.of(policy(allowIf("{\"DateEquals\":{\"acs:CurrentTime\":\"2026-06-01T12:00:00\"}}"))),
            req(READ), Decision.ALLOW),
        row("DateNotEquals", List.of(policy(allowIf("{\"DateNotEquals\":{\"acs:CurrentTime\":\"2026-06-01T12:00:00Z\"}}"))),
            req(READ), Decision.IMPLICIT_DENY),
        row("a dated Deny in the future does not apply yet", List.of(policy(allow("\"*\""), stmt("Deny", "Action",
            "\"" + WRITE + "\"", "Resource", "\"*\"", "{\"DateGreaterThan\":{\"acs:CurrentTime\":\"2030-01-01T00:00:00Z\"}}"))),
            req(WRITE), Decision.ALLOW),
        row("a dated Deny in the past applies", List.of(policy(allow("\"*\""), stmt("Deny", "Action",
            "\"" + WRITE + "\"", "Resource", "\"*\"", "{\"DateGreaterThan\":{\"acs:CurrentTime\":\"2020-01-01T00:00:00Z\"}}"))),
            req(WRITE), Decision.EXPLICIT_DENY),
        // Bool
        row("Bool SecureTransport false", List.of(policy(allowIf("{\"Bool\":{\"acs:SecureTransport\":\"false\"}}"))),
            req(READ), Decision.ALLOW),
        row("Bool SecureTransport true required", List.of(policy(allowIf("{\"Bool\":{\"acs:SecureTransport\":true}}"))),
            req(READ), Decision.IMPLICIT_DENY),
        row("Bool SecureTransport true over TLS", List.of(policy(allowIf("{\"Bool\":{\"acs:SecureTransport\":true}}"))),
            new Req(READ, "*", "127.0.0.1", true, NOW), Decision.ALLOW),
        // IP
        row("IpAddress in CIDR", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}"))),
            from("10.20.30.40"), Decision.ALLOW),
        row("IpAddress outside CIDR", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        row("IpAddress single address", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.1\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("IpAddress odd prefix", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"192.168.4.0/22\"}}"))),
            from("192.168.7.255"), Decision.ALLOW),
        row("IpAddress odd prefix, just outside", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"192.168.4.0/22\"}}"))),
            from("192.168.8.0"), Decision.IMPLICIT_DENY),
        row("IpAddress IPv6", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"2001:db8::/32\"}}"))),
            from("2001:db8:0:0:0:0:0:1"), Decision.ALLOW),
        row("IpAddress IPv4 never in an IPv6 block", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":\"::/0\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        row("NotIpAddress", List.of(policy(allowIf("{\"NotIpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("NotIpAddress fails inside", List.of(policy(allowIf("{\"NotIpAddress\":{\"acs:SourceIp\":[\"192.168.0.0/16\",\"10.0.0.0/8\"]}}"))),
            from("10.9.9.9"), Decision.IMPLICIT_DENY),
        // AND across operators and keys, OR across values
        row("OR across values", List.of(policy(allowIf("{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("AND across operators: both hold", List.of(policy(allowIf(
            "{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.0/8\"},\"Bool\":{\"acs:SecureTransport\":\"false\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        row("AND across operators: one fails", List.of(policy(allowIf(
            "{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.0/8\"},\"Bool\":{\"acs:SecureTransport\":\"true\"}}"))),
            from("127.0.0.1"), Decision.IMPLICIT_DENY),
        row("AND across keys of one operator", List.of(policy(allowIf(
            "{\"StringEquals\":{\"acs:SourceIp\":\"127.0.0.1\",\"acs:SecureTransport\":\"true\"}}"))), from("127.0.0.1"),
            Decision.IMPLICIT_DENY),
        row("a key the request lacks fails a positive operator", List.of(policy(allowIf(
            "{\"StringEquals\":{\"acs:MFAPresent\":\"true\"}}"))), req(READ), Decision.IMPLICIT_DENY),
        row("a key the request lacks satisfies a negated operator", List.of(policy(allowIf(
            "{\"StringNotEquals\":{\"acs:MFAPresent\":\"true\"}}"))), req(READ), Decision.ALLOW),
        row("condition keys ignore case", List.of(policy(allowIf("{\"IpAddress\":{\"ACS:sourceip\":\"127.0.0.1\"}}"))),
            from("127.0.0.1"), Decision.ALLOW),
        // the reference's example policy
        row("reference example: read allowed from loopback", List.of(EXAMPLE), req(READ), Decision.ALLOW),
        row("reference example: not from elsewhere", List.of(EXAMPLE), from("10.1.2.3"), Decision.IMPLICIT_DENY),
        row("reference example: create allowed before 2030", List.of(EXAMPLE), req(WRITE), Decision.ALLOW),
        row("reference example: create denied after 2030", List.of(EXAMPLE),
            new Req(WRITE, "*", "127.0.0.1", false, Instant.parse("2030-06-01T00:00:00Z")), Decision.EXPLICIT_DENY),
        // system policies
        row("read-only system policy allows Describe*", List.of(system("AliyunYundunSASReadOnlyAccess")),
            req("yundun-sas:DescribeImageStatistics"), Decision.ALLOW),
        row("read-only system policy allows PublicPreCheck*", List.of(system("AliyunYundunSASReadOnlyAccess")),
            req("yundun-sas:PublicPreCheckImageScanTask"), Decision.ALLOW),
        row("read-only system policy refuses writes", List.of(system("AliyunYundunSASReadOnlyAccess")), req(WRITE),
            Decision.IMPLICIT_DENY),
        row("read-only system policy allows the cluster reads", List.of(system("AliyunYundunSASReadOnlyAccess")),
            req("yundun-sas:DescribeGroupedContainerInstances"), Decision.ALLOW),
        row("read-only system policy refuses cluster registration", List.of(system("AliyunYundunSASReadOnlyAccess")),
            req("yundun-sas:AddKubernetesCluster"), Decision.IMPLICIT_DENY),
        row("read-only system policy refuses RAM", List.of(system("AliyunYundunSASReadOnlyAccess")),
            req("ram:ListUsers"), Decision.IMPLICIT_DENY),
        row("full-access system policy allows writes", List.of(system("AliyunYundunSASFullAccess")), req(WRITE),
            Decision.ALLOW));
  }

  static final String EXAMPLE = """
      {"Version":"1","Statement":[
       {"Effect":"Allow","Action":["yundun-sas:ListImageRisk","yundun-sas:Public*ImageScanTask"],"Resource":"*",
        "Condition":{"IpAddress":{"acs:SourceIp":["127.0.0.1/32"]},"Bool":{"acs:SecureTransport":"false"}}},
       {"Effect":"Deny","Action":"yundun-sas:PublicCreateImageScanTask","Resource":"*",
        "Condition":{"DateGreaterThan":{"acs:CurrentTime":"2030-01-01T00:00:00Z"}}}]}""";

  static String system(String name) {
    return SystemPolicies.named(name).orElseThrow().document();
  }

  /** A request carrying a numeric key (no global key is numeric). */
  static Req numeric(String value) {
    return new Req(READ, "*", "127.0.0.1", false, NOW, Map.of("drydock:Answer", value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, List<String> documents, Req request, Decision expected) {
    List<Policy> policies = documents.stream().map(Policy::parse).toList();
    assertThat(PolicyEvaluator.evaluate(policies, request.access())).as("%s: %s", name, request).isEqualTo(expected);
  }

  static Stream<String> wildcardCases() {
    return Arrays.stream(new String[] {"* | | true", "* |abc| true", "a*c|abc| true", "a*c|ac| true", "a*c|ab| false",
        "?|| false", "??|ab| true", "*b*|aaa| false", "a**b|ab| true", "*x|*ax| true", "a?c*|abcdef| true"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wildcardCases")
  void wildcard(String row) {
    String[] f = row.split("\\|");
    assertThat(Wildcard.matches(f[0].trim(), f[1], false)).isEqualTo(Boolean.parseBoolean(f[2].trim()));
  }
}
