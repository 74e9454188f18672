package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/** DeleteAccessKey: {@code UserAccessKeyId}, {@code UserName} (default: the caller). */
@Component
public class DeleteAccessKey extends RamAction {

  private final RamUserStore users;
  private final AccessKeyStore keys;

  public DeleteAccessKey(RamUserStore users, AccessKeyStore keys) {
    this.users = users;
    this.keys = keys;
  }

  @Override
  public String ramResource(Params params, CallContext context) {
    return RamFields.userArn(RamFields.keyOwner(params, context));
  }

  @Override
  public Object handle(Params params, CallContext context) {
    String keyId = params.required("UserAccessKeyId");
    RamUser user = RamFields.user(users, RamFields.keyOwner(params, context));
    RamFields.requireManageable(user, users, context);
    UpdateAccessKey.ownedKey(keys, keyId, user);
    keys.delete(keyId);
    return RamFields.empty();
  }
}
