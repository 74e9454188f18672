package dev.drydock.server.api.sas;

import dev.drydock.server.inventory.InventoryImage;
import org.jspecify.annotations.Nullable;

/** The YES/NO status fields the image operations derive from the latest scan's counts. */
final class ImageStatus {
  private ImageStatus() {}

  static String yesNo(boolean b) {
    return b ? "YES" : "NO";
  }

  static String risk(InventoryImage.Risk r) {
    return yesNo(r.any());
  }

  static String vul(InventoryImage.Risk r) {
    return yesNo(r.vul() > 0);
  }

  static String hc(InventoryImage.Risk r) {
    return yesNo(r.baselineNum() > 0);
  }

  static String alarm(InventoryImage.Risk r) {
    return yesNo(r.newSuspicious() > 0);
  }

  /** InstanceId: the Id of the registry the image was synced from (what holds the image). */
  static @Nullable String instanceId(InventoryImage i) {
    return i.registryId() == null ? null : String.valueOf(i.registryId());
  }
}
