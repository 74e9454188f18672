package dev.drydock.server.api.ram;

import dev.drydock.server.api.CallContext;
import dev.drydock.server.api.Params;
import dev.drydock.server.auth.RamUser;
import dev.drydock.server.auth.RamUserStore;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ListUsers: {@code Marker}, {@code MaxItems} (1–1000, default 100) → {@code IsTruncated},
 * {@code Marker} (pass it back for the next page), {@code Users.User[]} in name order.
 */
@Component
public class ListUsers extends RamAction {

  private final RamUserStore users;

  public ListUsers(RamUserStore users) {
    super(Target.ALL_USERS);
    this.users = users;
  }

  record Users(List<RamFields.User> user) {}

  record Response(boolean isTruncated, @Nullable String marker, Users users) {}


  @Override
  public Object handle(Params params, CallContext context) {
    RamFields.Page<RamUser> page = RamFields.page(params, users::list, RamUser::userName);
    return new Response(page.truncated(), page.marker(), new Users(page.items().stream().map(RamFields.User::of).toList()));
  }
}
