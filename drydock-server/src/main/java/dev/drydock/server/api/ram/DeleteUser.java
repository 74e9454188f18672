package dev.drydock.server.api.ram;

import dev.drydock.server.api.ApiException;
import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.ErrorCode;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import org.springframework.stereotype.Component;

/**
 * DeleteUser: {@code UserName}. As in RAM, a user must first lose its AccessKeys
 * ({@code DeleteConflict.User.AccessKey}) and policies ({@code DeleteConflict.User.Policy}).
 */
@Component
public class DeleteUser extends RamAction {

  private final RamUserStore users;

  public DeleteUser(RamUserStore users) {
    super(Target.USER);
    this.users = users;
  }


  @Override
  public Object handle(Params params, CallContext context) {
    RamUser user = RamFields.user(users, RamFields.userName(params, "UserName"));
    RamFields.requireManageable(user, users, context);
    return switch (users.delete(user.id())) {
      case DELETED -> RamFields.empty();
      case NOT_FOUND -> throw new ApiException(ErrorCode.ENTITY_NOT_EXIST_USER,
          "The user does not exist: " + user.userName());
      case HAS_ACCESS_KEYS -> throw new ApiException(ErrorCode.DELETE_CONFLICT_USER_ACCESS_KEY);
      case HAS_POLICIES -> throw new ApiException(ErrorCode.DELETE_CONFLICT_USER_POLICY);
    };
  }
}
