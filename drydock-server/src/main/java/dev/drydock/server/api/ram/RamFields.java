package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKey;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.PolicyType;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import dev.drydock.server.auth.StoredPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parameters, resources and response shapes shared by the RAM operations. Limits are RAM's:
 * UserName 1–64 of letters, digits, {@code . _ -}; DisplayName 1–128; Comments up to 128;
 * PolicyName 1–128 of letters, digits and {@code -}; Description up to 1024; PolicyDocument up to
 * 6144 characters. Dates are written {@code 2015-01-23T12:33:18Z}.
 */
final class RamFields {
  private RamFields() {}

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9-]{1,128}");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  static final int MAX_DOCUMENT = 6144;

  static String date(Instant t) {
    return DATE.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static @Nullable String dateOrNull(@Nullable Instant t) {
    return t == null ? null : date(t);
  }

  static String userName(Params p, String param) {
    String v = p.required(param);
    if (!USER_NAME.matcher(v).matches()) {
      throw ApiException.invalid(param, "1 to 64 letters, digits, periods (.), underscores (_) or hyphens (-)");
    }
    return v;
  }

  static String policyName(Params p) {
    String v = p.required("PolicyName");
    if (!POLICY_NAME.matcher(v).matches()) {
      throw ApiException.invalid("PolicyName", "1 to 128 letters, digits or hyphens (-)");
    }
    return v;
  }

  static PolicyType policyType(Params p) {
    String v = p.required("PolicyType");
    return switch (v) {
      case "System" -> PolicyType.System;
      case "Custom" -> PolicyType.Custom;
      default -> throw ApiException.invalid("PolicyType", "must be System or Custom, got \"" + v + "\"");
    };
  }

  static Optional<String> bounded(Params p, String param, int max) {
    Optional<String> v = p.string(param);
    if (v.isPresent() && v.get().length() > max) {
      throw ApiException.invalid(param, "longer than " + max + " characters");
    }
    return v;
  }

  static RamUser user(RamUserStore users, String userName) {
    return users.byName(userName).orElseThrow(() -> new ApiException(ErrorCode.ENTITY_NOT_EXIST_USER,
        "The user does not exist: " + userName));
  }

  /** The user a key operation acts on: {@code UserName}, else the caller's own. */
  static String keyOwner(Params p, CallContext context) {
    return p.string("UserName").isPresent() ? userName(p, "UserName") : context.caller().userName();
  }

  /**
   * Administrators are managed only by administrators: another user with RAM permissions must not
   * make itself one (by creating a key for, or changing the policies of, an administrator).
   */
  static void requireManageable(RamUser target, RamUserStore users, CallContext context) {
    if (target.admin() && !users.byId(context.caller().userId()).map(RamUser::admin).orElse(false)) {
      throw new ApiException(ErrorCode.NO_PERMISSION, "You are not authorized to do this action: user "
          + target.userName() + " is an administrator, which only administrators may manage.");
    }
  }

  static String userArn(String userName) {
    return "acs:ram:*:*:user/" + userName;
  }

  static String policyArn(String policyName) {
    return "acs:ram:*:*:policy/" + policyName;
  }

  /** The policy and user of AttachPolicyToUser and DetachPolicyFromUser. */
  record PolicyOnUser(PolicyType type, String policyName, RamUser user) {}

  /** Reads {@code PolicyType}, {@code PolicyName} and {@code UserName}; the user must exist and be manageable. */
  static PolicyOnUser policyOnUser(Params p, RamUserStore users, CallContext context) {
    PolicyType type = policyType(p);
    String name = policyName(p);
    RamUser user = user(users, userName(p, "UserName"));
    requireManageable(user, users, context);
    return new PolicyOnUser(type, name, user);
  }

  /**
   * The key named by {@code UserAccessKeyId} of the user named by {@code UserName} (default: the
   * caller), which must be manageable; a key that is not the user's is
   * {@code EntityNotExist.User.AccessKey}.
   */
  static AccessKey ownedKey(Params p, RamUserStore users, AccessKeyStore keys, CallContext context) {
    String keyId = p.required("UserAccessKeyId");
    RamUser user = user(users, keyOwner(p, context));
    requireManageable(user, users, context);
    return keys.key(keyId).filter(k -> k.userId().equals(user.id())).orElseThrow(() -> new ApiException(
        ErrorCode.ENTITY_NOT_EXIST_ACCESS_KEY, "The user access key does not exist: user " + user.userName()
        + " has no AccessKey " + keyId));
  }

  /** {@code MaxItems}: 1–1000, default 100. */
  private static int maxItems(Params p) {
    return p.integer("MaxItems", 100, 1, 1000);
  }

  static Optional<String> marker(Params p) {
    Optional<String> m = p.string("Marker");
    if (m.isEmpty()) {
      return m;
    }
    try {
      return Optional.of(new String(Base64.getUrlDecoder().decode(m.get()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Marker", "not a Marker this server returned");
    }
  }

  static String marker(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, Object> empty() {
    return Map.of();
  }

  /** {@code User} of CreateUser, GetUser and ListUsers. */
  record User(String userId, String userName, String displayName, @Nullable String comments, String createDate,
      @Nullable String updateDate) {
    static User of(RamUser u) {
      return new User(u.id(), u.userName(), u.displayName(), u.comments(), date(u.createdAt()),
          dateOrNull(u.updatedAt()));
    }
  }

  /** {@code AccessKey} of ListAccessKeys. */
  record Key(String accessKeyId, String status, String createDate) {
    static Key of(AccessKey k) {
      return new Key(k.id(), k.status().name(), date(k.createdAt()));
    }
  }

  /** {@code Policy} of CreatePolicy and ListPolicies. */
  record PolicyInfo(String policyName, String policyType, @Nullable String description, String defaultVersion,
      String createDate, @Nullable String updateDate, @Nullable Integer attachmentCount) {
    static PolicyInfo of(StoredPolicy p) {
      return new PolicyInfo(p.name(), p.type().name(), p.description(), p.defaultVersion(), date(p.createdAt()),
          date(p.updatedAt()), p.attachmentCount());
    }
  }

  /** One page of a listing and the {@code Marker} of the next, if any. */
  record Page<T>(List<T> items, boolean truncated, @Nullable String marker) {}

  /**
   * A page of a list operation ({@code Marker}, {@code MaxItems}): {@code rows} reads at most
   * {@code limit} rows after the decoded marker, in the order of {@code key}.
   */
  static <T> Page<T> page(Params p, BiFunction<Optional<String>, Integer, List<T>> rows, Function<T, String> key) {
    int max = maxItems(p);
    List<T> all = rows.apply(marker(p), max + 1);
    if (all.size() <= max) {
      return new Page<>(all, false, null);
    }
    List<T> items = all.subList(0, max);
    return new Page<>(items, true, marker(key.apply(items.get(max - 1))));
  }
}
