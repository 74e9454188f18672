package dev.drydock.server.auth.ram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the evaluator over generated policy sets: a Deny statement, added anywhere,
 * never turns a denied request into an allowed one, and turns an allowed request it applies to
 * into an explicit deny. Policies are drawn from small vocabularies of actions, resources and
 * conditions so that statements often overlap.
 */
class DenyMonotonicityProperties {

  static final List<String> ACTIONS = List.of("yundun-sas:ListImageRisk", "yundun-sas:PublicCreateImageScanTask",
      "yundun-sas:DescribeImageStatistics", "ram:CreateUser", "ram:ListUsers");
  static final List<String> ACTION_PATTERNS = List.of("*", "yundun-sas:*", "yundun-sas:List*", "ram:*",
      "yundun-sas:Public*", "?am:*", "YUNDUN-SAS:listimagerisk", "yundun-sas:PublicCreateImageScanTask",
      "ram:CreateUser");
  static final List<String> RESOURCES = List.of("*", "acs:ram:*:*:user/ci", "acs:ram:*:*:user/admin");
  static final List<String> RESOURCE_PATTERNS = List.of("*", "acs:ram:*:*:user/*", "acs:ram:*:*:user/ci",
      "acs:yundun-sas:*");
  static final List<String> IPS = List.of("127.0.0.1", "10.1.2.3", "192.168.1.9", "::1");
  static final List<Instant> TIMES = List.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2026-06-01T12:00:00Z"),
      Instant.parse("2031-01-01T00:00:00Z"));
  static final List<Condition> CONDITIONS = List.of(
      new Condition(ConditionOperator.IpAddress, "acs:SourceIp", List.of("10.0.0.0/8")),
      new Condition(ConditionOperator.NotIpAddress, "acs:SourceIp", List.of("127.0.0.0/8", "::1")),
      new Condition(ConditionOperator.Bool, "acs:SecureTransport", List.of("true")),
      new Condition(ConditionOperator.StringLike, "acs:SourceIp", List.of("192.*")),
      new Condition(ConditionOperator.DateLessThan, "acs:CurrentTime", List.of("2030-01-01T00:00:00Z")),
      new Condition(ConditionOperator.DateGreaterThanEquals, "acs:CurrentTime", List.of("2026-01-01")),
      new Condition(ConditionOperator.StringNotEquals, "acs:MFAPresent", List.of("true")),
      new Condition(ConditionOperator.StringEqualsIgnoreCase, "acs:SecureTransport", List.of("FALSE")));

  @Provide
  Arbitrary<Statement> statements() {
    return statement(Arbitraries.of(Effect.values()));
  }

  @Provide
  Arbitrary<Statement> denies() {
    return statement(Arbitraries.just(Effect.Deny));
  }

  static Arbitrary<Statement> statement(Arbitrary<Effect> effects) {
    Arbitrary<Patterns> actions = Combinators.combine(Arbitraries.of(ACTION_PATTERNS).list().ofMinSize(1).ofMaxSize(3),
        Arbitraries.of(true, false, false, false)).as((p, neg) -> new Patterns(p, neg, true));
    Arbitrary<Patterns> resources = Combinators.combine(Arbitraries.of(RESOURCE_PATTERNS).list().ofMinSize(1).ofMaxSize(2),
        Arbitraries.of(true, false, false, false)).as((p, neg) -> new Patterns(p, neg, false));
    Arbitrary<List<Condition>> conditions = Arbitraries.of(CONDITIONS).list().ofMaxSize(2);
    return Combinators.combine(effects, actions, resources, conditions).as(Statement::new);
  }

  @Provide
  Arbitrary<List<Policy>> policySets() {
    return statements().list().ofMaxSize(4).map(Policy::new).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<AccessRequest> requests() {
    return Combinators.combine(Arbitraries.of(ACTIONS), Arbitraries.of(RESOURCES), Arbitraries.of(IPS),
        Arbitraries.of(true, false), Arbitraries.of(TIMES)).as(AccessRequest::of);
  }

  @Property(tries = 3000)
  void aDenyPolicyNeverAllows(@ForAll("policySets") List<Policy> policies, @ForAll("requests") AccessRequest request,
      @ForAll("denies") Statement deny) {
    Decision before = PolicyEvaluator.evaluate(policies, request);
    List<Policy> more = new ArrayList<>(policies);
    more.add(new Policy(List.of(deny)));
    Decision after = PolicyEvaluator.evaluate(more, request);
    if (!before.allowed()) {
      assertThat(after.allowed()).as("%s added to %s made %s allowed", deny, policies, request).isFalse();
    }
    if (deny.appliesTo(request)) {
      assertThat(after).isEqualTo(Decision.EXPLICIT_DENY);
    } else {
      assertThat(after).isEqualTo(before);
    }
  }

  @Property(tries = 3000)
  void aDenyStatementInsideAPolicyNeverAllows(@ForAll("policySets") List<Policy> policies,
      @ForAll("requests") AccessRequest request, @ForAll("denies") Statement deny) {
    if (policies.isEmpty()) {
      return;
    }
    Decision before = PolicyEvaluator.evaluate(policies, request);
    List<Policy> changed = new ArrayList<>(policies);
    List<Statement> first = new ArrayList<>(policies.get(0).statements());
    first.add(0, deny);
    changed.set(0, new Policy(first));
    Decision after = PolicyEvaluator.evaluate(changed, request);
    if (!before.allowed()) {
      assertThat(after.allowed()).isFalse();
    }
  }
}
