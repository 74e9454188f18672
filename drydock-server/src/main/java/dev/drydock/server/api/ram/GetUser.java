package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/** GetUser: {@code UserName} → {@code User}; an unknown name is {@code EntityNotExist.User}. */
@Component
public class GetUser extends RamAction {

  private final RamUserStore users;

  public GetUser(RamUserStore users) {
    super(Target.USER);
    this.users = users;
  }

  record Response(RamFields.User user) {}


  @Override
  public Object handle(Params params, CallContext context) {
    return new Response(RamFields.User.of(RamFields.user(users, RamFields.userName(params, "UserName"))));
  }
}
