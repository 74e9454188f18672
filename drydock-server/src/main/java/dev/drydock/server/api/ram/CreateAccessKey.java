package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * CreateAccessKey: {@code UserName} (default: the caller) → {@code AccessKey{AccessKeyId,
 * AccessKeySecret, Status, CreateDate}}. The secret is in this answer only; it is stored
 * encrypted and never shown again, logged or audited.
 */
@Component
public class CreateAccessKey extends RamAction {

  private final RamUserStore users;
  private final AccessKeyStore keys;

  public CreateAccessKey(RamUserStore users, AccessKeyStore keys) {
    super(Target.KEY_OWNER);
    this.users = users;
    this.keys = keys;
  }

  record NewKey(String accessKeyId, String accessKeySecret, String status, String createDate) {}

  record Response(NewKey accessKey) {}


  @Override
  public Object handle(Params params, CallContext context) {
    RamUser user = RamFields.user(users, RamFields.keyOwner(params, context));
    RamFields.requireManageable(user, users, context);
    AccessKeyStore.Credential c = keys.create(user.id(), Optional.empty(), Optional.empty());
    return new Response(new NewKey(c.key().id(), c.secret(), c.key().status().name(),
        RamFields.date(c.key().createdAt())));
  }
}
