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
    this.users = users;
  }

  record Users(List<RamFields.User> user) {}

  record Response(boolean isTruncated, @Nullable String marker, Users users) {}

  @Override
  public String ramResource(Params params, CallContext context) {
    return RamFields.userArn("*");
  }

  @Override
  public Object handle(Params params, CallContext context) {
    int max = RamFields.maxItems(params);
    List<RamUser> rows = users.list(RamFields.marker(params), max + 1);
    List<RamUser> page = RamFields.page(rows, max);
    boolean truncated = rows.size() > max;
    return new Response(truncated, truncated ? RamFields.marker(page.get(page.size() - 1).userName()) : null,
        new Users(page.stream().map(RamFields.User::of).toList()));
  }
}
