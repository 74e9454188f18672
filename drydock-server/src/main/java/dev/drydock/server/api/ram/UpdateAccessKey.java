package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKey;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.RamUserStore;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * UpdateAccessKey: {@code UserAccessKeyId}, {@code Status} (Active | Inactive), {@code UserName}
 * (default: the caller). An inactive key's calls are refused with
 * {@code InvalidAccessKeyId.Inactive}. A key that is not the user's is
 * {@code EntityNotExist.User.AccessKey}.
 */
@Component
public class UpdateAccessKey extends RamAction {

  private final RamUserStore users;
  private final AccessKeyStore keys;

  public UpdateAccessKey(RamUserStore users, AccessKeyStore keys) {
    super(Target.KEY_OWNER);
    this.users = users;
    this.keys = keys;
  }


  @Override
  public Object handle(Params params, CallContext context) {
    params.required("Status");
    AccessKey.Status status = AccessKey.Status.valueOf(params.oneOf("Status", List.of("Active", "Inactive")).orElseThrow());
    keys.setStatus(RamFields.ownedKey(params, users, keys, context).id(), status);
    return RamFields.empty();
  }
}
