package dev.drydock.server.results;

import dev.drydock.check.baseline.BaselineClass;
import dev.drydock.check.baseline.BaselineItem;
import dev.drydock.check.baseline.BaselineItems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How Drydock's baseline checks map onto Security Center's three levels (class → baseline name →
 * item, reference §1.11). An item is one of the engine's {@link BaselineItems}; its baseline
 * <em>name</em> is the engine's {@link BaselineClass} (image configuration, accounts, SSH, sudo,
 * file permissions); names group into two <em>classes</em>: the image's own configuration
 * ({@code image_config_risk}) and the system inside it ({@code system_hardening}). Texts are English
 * whatever {@code Lang} asks for.
 */
public final class BaselineCatalog {
  private BaselineCatalog() {}

  /** A baseline name with its class. */
  public record Name(String key, String alias, String classKey, String classAlias) {}

  private static final String IMAGE_CLASS = "image_config_risk";
  private static final String IMAGE_CLASS_ALIAS = "Image configuration risks";
  private static final String SYSTEM_CLASS = "system_hardening";
  private static final String SYSTEM_CLASS_ALIAS = "System hardening";

  private static final Map<BaselineClass, Name> NAMES = Map.of(
      BaselineClass.IMAGE_CONFIG, new Name("image_config", "Image configuration", IMAGE_CLASS, IMAGE_CLASS_ALIAS),
      BaselineClass.ACCOUNT, new Name("account", "Accounts and passwords", SYSTEM_CLASS, SYSTEM_CLASS_ALIAS),
      BaselineClass.SSH, new Name("ssh", "SSH server configuration", SYSTEM_CLASS, SYSTEM_CLASS_ALIAS),
      BaselineClass.SUDO, new Name("sudo", "sudo policy", SYSTEM_CLASS, SYSTEM_CLASS_ALIAS),
      BaselineClass.FILE_PERMISSION, new Name("file_permission", "File permissions", SYSTEM_CLASS, SYSTEM_CLASS_ALIAS));

  private static final Map<String, BaselineItem> ITEMS = BaselineItems.all().stream()
      .collect(Collectors.toMap(BaselineItem::key, Function.identity()));

  /** Every baseline name, in the engine's class order. */
  public static List<Name> names() {
    return java.util.Arrays.stream(BaselineClass.values()).map(NAMES::get).toList();
  }

  public static Optional<BaselineItem> item(String key) {
    return Optional.ofNullable(ITEMS.get(key));
  }

  /** The baseline name of an item key (an unknown key — a newer engine's — falls under the image class). */
  public static Name nameOf(String itemKey) {
    BaselineItem i = ITEMS.get(itemKey);
    return i == null ? new Name("other", "Other checks", IMAGE_CLASS, IMAGE_CLASS_ALIAS) : NAMES.get(i.checkClass());
  }

  /** {@code high|medium|low} → 0|1|2 (others 3). */
  public static int levelRank(String level) {
    return switch (level) {
      case "high" -> 0;
      case "medium" -> 1;
      case "low" -> 2;
      default -> 3;
    };
  }
}
