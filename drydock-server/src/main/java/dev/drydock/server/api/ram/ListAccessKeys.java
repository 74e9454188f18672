package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.AccessKeyStore;
import dev.drydock.server.auth.RamUserStore;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** ListAccessKeys: {@code UserName} (default: the caller) → {@code AccessKeys.AccessKey[]}, never secrets. */
@Component
public class ListAccessKeys extends RamAction {

  private final RamUserStore users;
  private final AccessKeyStore keys;

  public ListAccessKeys(RamUserStore users, AccessKeyStore keys) {
    super(Target.KEY_OWNER);
    this.users = users;
    this.keys = keys;
  }

  record AccessKeys(List<RamFields.Key> accessKey) {}

  record Response(AccessKeys accessKeys) {}


  @Override
  public Object handle(Params params, CallContext context) {
    String userId = RamFields.user(users, RamFields.keyOwner(params, context)).id();
    return new Response(new AccessKeys(keys.list(Optional.of(userId)).stream().map(RamFields.Key::of).toList()));
  }
}
