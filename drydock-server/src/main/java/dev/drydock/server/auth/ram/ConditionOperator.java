package dev.drydock.server.auth.ram;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The condition operators of RAM's five families (reference §3): String, Numeric, Date, Bool
 * and IP. Each negated operator is stored with the positive comparison it negates, so
 * {@link #matches} always answers the positive question and {@link Condition} applies the
 * negation once, after OR-ing the values.
 */
public enum ConditionOperator {
  StringEquals(Family.STRING, false, Cmp.EQ),
  StringNotEquals(Family.STRING, true, Cmp.EQ),
  StringEqualsIgnoreCase(Family.STRING, false, Cmp.EQ_IGNORE_CASE),
  StringNotEqualsIgnoreCase(Family.STRING, true, Cmp.EQ_IGNORE_CASE),
  StringLike(Family.STRING, false, Cmp.LIKE),
  StringNotLike(Family.STRING, true, Cmp.LIKE),
  NumericEquals(Family.NUMERIC, false, Cmp.EQ),
  NumericNotEquals(Family.NUMERIC, true, Cmp.EQ),
  NumericLessThan(Family.NUMERIC, false, Cmp.LT),
  NumericLessThanEquals(Family.NUMERIC, false, Cmp.LE),
  NumericGreaterThan(Family.NUMERIC, false, Cmp.GT),
  NumericGreaterThanEquals(Family.NUMERIC, false, Cmp.GE),
  DateEquals(Family.DATE, false, Cmp.EQ),
  DateNotEquals(Family.DATE, true, Cmp.EQ),
  DateLessThan(Family.DATE, false, Cmp.LT),
  DateLessThanEquals(Family.DATE, false, Cmp.LE),
  DateGreaterThan(Family.DATE, false, Cmp.GT),
  DateGreaterThanEquals(Family.DATE, false, Cmp.GE),
  Bool(Family.BOOL, false, Cmp.EQ_IGNORE_CASE),
  IpAddress(Family.IP, false, Cmp.IN),
  NotIpAddress(Family.IP, true, Cmp.IN);

  enum Family { STRING, NUMERIC, DATE, BOOL, IP }

  private enum Cmp { EQ, EQ_IGNORE_CASE, LIKE, LT, LE, GT, GE, IN }

  private final Family family;
  private final boolean negated;
  private final Cmp cmp;

  ConditionOperator(Family family, boolean negated, Cmp cmp) {
    this.family = family;
    this.negated = negated;
    this.cmp = cmp;
  }

  public boolean negated() {
    return negated;
  }

  /** The operator named exactly so (RAM operator names are case-sensitive). */
  public static Optional<ConditionOperator> named(String name) {
    for (ConditionOperator o : values()) {
      if (o.name().equals(name)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  /** Why a policy value cannot be used with this operator; empty when it can. */
  Optional<String> checkValue(String value) {
    return switch (family) {
      case STRING -> Optional.empty();
      case NUMERIC -> number(value).isPresent() ? Optional.empty() : Optional.of("is not a number");
      case DATE -> PolicyDates.parse(value).isPresent() ? Optional.empty()
          : Optional.of("is not an ISO 8601 date or time (e.g. 2030-01-01T00:00:00Z)");
      case BOOL -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? Optional.empty()
          : Optional.of("must be true or false");
      case IP -> IpRange.parse(value).isPresent() ? Optional.empty()
          : Optional.of("is not an IP address or CIDR block (e.g. 10.0.0.0/8)");
    };
  }

  /** The positive comparison of the request's value with one policy value. */
  boolean matches(String actual, String expected) {
    return switch (family) {
      case STRING -> switch (cmp) {
        case EQ -> actual.equals(expected);
        case EQ_IGNORE_CASE -> actual.equalsIgnoreCase(expected);
        default -> Wildcard.matches(expected, actual, false);
      };
      case BOOL -> actual.equalsIgnoreCase(expected);
      case NUMERIC -> {
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> e = number(expected);
        yield a.isPresent() && e.isPresent() && order(a.get().compareTo(e.get()));
      }
      case DATE -> {
        Optional<Instant> a = PolicyDates.parse(actual);
        Optional<Instant> e = PolicyDates.parse(expected);
        yield a.isPresent() && e.isPresent() && order(a.get().compareTo(e.get()));
      }
      case IP -> IpRange.parse(expected).map(r -> r.contains(actual)).orElse(false);
    };
  }

  private boolean order(int c) {
    return switch (cmp) {
      case EQ -> c == 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalStateException(name() + " is not an ordering operator");
    };
  }

  private static Optional<BigDecimal> number(String s) {
    try {
      return Optional.of(new BigDecimal(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
