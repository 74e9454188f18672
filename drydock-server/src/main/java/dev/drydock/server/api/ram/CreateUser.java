package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/**
 * CreateUser: {@code UserName} (required), {@code DisplayName} (default: the UserName),
 * {@code Comments} → {@code User}. The user is not an administrator and may do nothing until a
 * policy is attached. A taken name is {@code EntityAlreadyExists.User} (409).
 */
@Component
public class CreateUser extends RamAction {

  private final RamUserStore users;

  public CreateUser(RamUserStore users) {
    super(Target.USER);
    this.users = users;
  }

  record Response(RamFields.User user) {}


  @Override
  public Object handle(Params params, CallContext context) {
    String name = RamFields.userName(params, "UserName");
    String display = RamFields.bounded(params, "DisplayName", 128).orElse(name);
    String comments = RamFields.bounded(params, "Comments", 128).orElse(null);
    return new Response(RamFields.User.of(users.create(name, display, comments).orElseThrow(() ->
        new ApiException(ErrorCode.ENTITY_ALREADY_EXISTS_USER, "The user does already EXIST: " + name))));
  }
}
