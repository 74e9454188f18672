package dev.drydock.server.auth.ram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed documents are refused with a message naming the exact problem. */
class PolicyParserTest {

  static final String OK_STMT = "{\"Effect\":\"Allow\",\"Action\":\"yundun-sas:*\",\"Resource\":\"*\"}";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("{", "not valid JSON (line 1"),
        Arguments.of("[]", "must be a JSON object"),
        Arguments.of("{\"Statement\":[]}", "Version is missing"),
        Arguments.of("{\"Version\":\"2\",\"Statement\":[]}", "Version must be \"1\", got \"2\""),
        Arguments.of("{\"Version\":1,\"Statement\":[]}", "Version must be \"1\", got 1"),
        Arguments.of("{\"Version\":\"1\"}", "Statement is missing"),
        Arguments.of("{\"Version\":\"1\",\"Statement\":" + OK_STMT + "}", "Statement must be a list"),
        Arguments.of("{\"Version\":\"1\",\"Statement\":[],\"Id\":\"x\"}",
            "the policy document has an unknown element \"Id\""),
        Arguments.of("{\"Version\":\"1\",\"Version\":\"1\",\"Statement\":[]}", "Duplicate Object property \"Version\""),
        Arguments.of(doc(OK_STMT + ",{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}"),
            "Statement[1].Effect must be Allow or Deny, got \"allow\""),
        Arguments.of(doc("{\"Action\":\"*\",\"Resource\":\"*\"}"), "Statement[0].Effect is missing"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), "Statement[0].Action is missing (or NotAction)"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"ram:*\",\"Resource\":\"*\"}"),
            "Statement[0] has both Action and NotAction"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"*\"}"), "Statement[0].Resource is missing (or NotResource)"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"), "Statement[0].Action must not be empty"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":[\"ram:*\",\"ListImageRisk\"],\"Resource\":\"*\"}"),
            "Statement[0].Action[1] must be \"*\" or <service>:<action>"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":[\"ram:*\",7],\"Resource\":\"*\"}"),
            "Statement[0].Action[1] must be a string or a list of them, got 7"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"\"}"),
            "Statement[0].Resource must not be an empty string"),
        Arguments.of(doc("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Principal\":\"*\"}"),
            "Statement[0] has an unknown element \"Principal\""),
        Arguments.of(doc(cond("[]")), "Statement[0].Condition must be an object"),
        Arguments.of(doc(cond("{\"StringEqual\":{\"acs:SourceIp\":\"1.2.3.4\"}}")),
            "Statement[0].Condition has an unknown operator \"StringEqual\""),
        Arguments.of(doc(cond("{\"StringEquals\":{}}")), "Statement[0].Condition.StringEquals must be a non-empty object"),
        Arguments.of(doc(cond("{\"StringEquals\":{\"SourceIp\":\"1.2.3.4\"}}")),
            "condition key \"SourceIp\" that is not <service>:<key>"),
        Arguments.of(doc(cond("{\"StringEquals\":{\"acs:SourceIp\":[]}}")),
            "Statement[0].Condition.StringEquals.acs:SourceIp must list at least one value"),
        Arguments.of(doc(cond("{\"StringEquals\":{\"acs:SourceIp\":{\"a\":1}}}")),
            "Statement[0].Condition.StringEquals.acs:SourceIp must be a string, number or boolean"),
        Arguments.of(doc(cond("{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\",\"10.0.0.0/33\"]}}")),
            "Statement[0].Condition.IpAddress.acs:SourceIp[1]: \"10.0.0.0/33\" is not an IP address or CIDR block"),
        Arguments.of(doc(cond("{\"IpAddress\":{\"acs:SourceIp\":\"example.com\"}}")),
            "\"example.com\" is not an IP address or CIDR block"),
        Arguments.of(doc(cond("{\"NumericLessThan\":{\"drydock:N\":\"ten\"}}")), "\"ten\" is not a number"),
        Arguments.of(doc(cond("{\"DateLessThan\":{\"acs:CurrentTime\":\"next week\"}}")),
            "\"next week\" is not an ISO 8601 date or time"),
        Arguments.of(doc(cond("{\"Bool\":{\"acs:SecureTransport\":\"yes\"}}")), "\"yes\" must be true or false"));
  }

  static String doc(String statements) {
    return "{\"Version\":\"1\",\"Statement\":[" + statements + "]}";
  }

  static String cond(String condition) {
    return "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":" + condition + "}";
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  void refuses(String document, String message) {
    assertThatThrownBy(() -> PolicyParser.parse(document)).isInstanceOf(MalformedPolicyException.class)
        .hasMessageContaining(message);
  }

  @Test
  void readsEveryShape() {
    Policy p = PolicyParser.parse("""
        {"Version":"1","Statement":[
          {"Effect":"Deny","NotAction":["yundun-sas:List*"],"NotResource":"acs:ram:*:*:user/x",
           "Condition":{"NumericLessThan":{"drydock:N":10},"Bool":{"acs:SecureTransport":false},
                        "IpAddress":{"acs:SourceIp":["10.0.0.0/8","::1"]}}}]}""");
    Statement s = p.statements().get(0);
    assertThat(s.effect()).isEqualTo(Effect.Deny);
    assertThat(s.actions()).isEqualTo(new Patterns(java.util.List.of("yundun-sas:List*"), true, true));
    assertThat(s.resources()).isEqualTo(new Patterns(java.util.List.of("acs:ram:*:*:user/x"), true, false));
    assertThat(s.conditions()).containsExactly(
        new Condition(ConditionOperator.NumericLessThan, "drydock:N", java.util.List.of("10")),
        new Condition(ConditionOperator.Bool, "acs:SecureTransport", java.util.List.of("false")),
        new Condition(ConditionOperator.IpAddress, "acs:SourceIp", java.util.List.of("10.0.0.0/8", "::1")));
  }

  @Test
  void everySystemPolicyParses() {
    SystemPolicies.ALL.forEach(p -> assertThat(p.policy().statements()).isNotEmpty());
  }
}
