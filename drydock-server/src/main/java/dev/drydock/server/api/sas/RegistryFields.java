package dev.drydock.server.api.sas;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.Params;
import dev.drydock.server.inventory.RegistryRow;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validation and presentation shared by the registry operations of reference §1.14. Passwords
 * are never answered: every {@code Password} field carries {@link #MASK}, and a {@code Password}
 * parameter equal to the mask (a console echoing a listed registry back) means "unchanged".
 */
final class RegistryFields {

  /** The longest Password and ExtraParam accepted, in UTF-8 bytes (see {@link #optionalSecret}). */
  static final int MAX_PASSWORD_BYTES = 1024;
  static final int MAX_EXTRA_PARAM_BYTES = 3000;
  /** The registry types of reference §1.7 / §1.14. */
  static final List<String> TYPES = List.of("acr", "harbor", "quay", "CI/CD");
  /** RegistryVersion: V1 / V2 (Harbor 1.x / 2.x; both speak the Distribution API), "-" the default. */
  static final List<String> VERSIONS = List.of("V1", "V2", "-");
  static final String MASK = "******";

  private static final Pattern HOST_NAME = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:[^:]*:)\\[?[0-9A-Fa-f:.]+]?");

  private RegistryFields() {}

  /** A host name or IP address, without scheme, port or path. */
  static Optional<String> host(Params params, String name) {
    Optional<String> v = params.string(name).map(String::trim);
    if (v.isPresent() && !HOST_NAME.matcher(v.get()).matches() && !IPV6.matcher(v.get()).matches()) {
      throw ApiException.invalid(name, "must be a host name or IP address without scheme, port or path, got \""
          + v.get() + "\"");
    }
    return v.map(h -> h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
  }

  static String requiredHost(Params params, String name) {
    params.required(name);
    return host(params, name).orElseThrow();
  }

  /** A required integer parameter that must be one of the given codes. */
  static int requiredCode(Params params, String name, int... allowed) {
    params.required(name);
    int v = params.integer(name, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    for (int a : allowed) {
      if (a == v) {
        return v;
      }
    }
    throw ApiException.invalid(name, "must be one of " + java.util.Arrays.toString(allowed) + ", got " + v);
  }

  static Optional<Integer> port(Params params) {
    return params.string("Port").isPresent() ? Optional.of(params.integer("Port", 0, 1, 65535)) : Optional.empty();
  }

  /** TransPerHour: syncs per hour, 0 (no periodic sync) to 60. */
  static Optional<Integer> transPerHour(Params params) {
    return params.string("TransPerHour").isPresent()
        ? Optional.of(params.integer("TransPerHour", 1, 0, 60)) : Optional.empty();
  }

  static String bounded(Params params, String name, int max) {
    String v = params.required(name);
    if (v.length() > max) {
      throw ApiException.invalid(name, "longer than " + max + " characters");
    }
    return v;
  }

  static Optional<String> optionalBounded(Params params, String name, int max) {
    Optional<String> v = params.string(name);
    if (v.isPresent() && v.get().length() > max) {
      throw ApiException.invalid(name, "longer than " + max + " characters");
    }
    return v;
  }

  /**
   * A secret parameter (Password, ExtraParam) of at most {@code maxBytes} bytes in UTF-8: it is
   * stored encrypted, and its ciphertext (about 4/3 of the bytes, plus 43) must fit its column
   * (password_enc 2,048, extra_param 4,096 characters). The error never quotes the value.
   */
  static Optional<String> optionalSecret(Params params, String name, int maxBytes) {
    Optional<String> v = params.string(name);
    if (v.isPresent() && v.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
      throw ApiException.invalid(name, "longer than " + maxBytes + " bytes (UTF-8)");
    }
    return v;
  }

  static String secret(Params params, String name, int maxBytes) {
    params.required(name);
    return optionalSecret(params, name, maxBytes).orElseThrow();
  }

  static @Nullable Long aliUid(String userId) {
    try {
      return Long.parseLong(userId);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The {@code Data} of AddPrivateRegistry and ModifyImageRegistry (reference §1.14). */
  record RegistryInfo(@Nullable Long aliUid, String domainName, long id, int netType, String password,
      int protocolType, String regionId, @Nullable String registryHostIp, String registryType, String registryVersion,
      @Nullable String token, int transPerHour, @Nullable String userName, @Nullable String vpcId) {

    static RegistryInfo of(RegistryRow r) {
      return new RegistryInfo(r.aliUid(), r.domainName(), r.id(), r.netType(), MASK, r.protocolType(), r.regionId(),
          r.registryHostIp(), r.registryType(), r.registryVersion(), null, r.transPerHour(), r.userName(), r.vpcId());
    }
  }
}
