package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKey;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.RamUser;
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
    params.required("Status");
    AccessKey.Status status = AccessKey.Status.valueOf(params.oneOf("Status", List.of("Active", "Inactive")).orElseThrow());
    RamUser user = RamFields.user(users, RamFields.keyOwner(params, context));
    RamFields.requireManageable(user, users, context);
    ownedKey(keys, keyId, user);
    keys.setStatus(keyId, status);
    return RamFields.empty();
  }

  static AccessKey ownedKey(AccessKeyStore keys, String keyId, RamUser user) {
    return keys.key(keyId).filter(k -> k.userId().equals(user.id())).orElseThrow(() -> new ApiException(
        ErrorCode.ENTITY_NOT_EXIST_ACCESS_KEY, "The user access key does not exist: user " + user.userName()
        + " has no AccessKey " + keyId));
  }
}
