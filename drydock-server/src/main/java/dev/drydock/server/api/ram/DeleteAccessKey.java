package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/** DeleteAccessKey: {@code UserAccessKeyId}, {@code UserName} (default: the caller). */
@Component
public class DeleteAccessKey extends RamAction {

  private final RamUserStore users;
  private final AccessKeyStore keys;

  public DeleteAccessKey(RamUserStore users, AccessKeyStore keys) {
    super(Target.KEY_OWNER);
    this.users = users;
    this.keys = keys;
  }


  @Override
  public Object handle(Params params, CallContext context) {
    keys.delete(RamFields.ownedKey(params, users, keys, context).id());
    return RamFields.empty();
  }
}
