package dev.drydock.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A username and password for a test registry or token realm.
 *
 * @param username must not contain {@code :} (HTTP Basic and skopeo's {@code --creds} split on it)
 */
public record Credentials(String username, String password) {

  public Credentials {
    if (username.isEmpty() || username.indexOf(':') >= 0) {
      throw new IllegalArgumentException("username must be non-empty and free of ':': " + username);
    }
  }

  /** The value of an {@code Authorization} header for HTTP Basic: {@code Basic base64(user:password)}. */
  public String basicAuthorization() {
    return "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code user:password} form that skopeo's {@code --dest-creds} takes. */
  public String colonSeparated() {
    return username + ":" + password;
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ":***]";
  }
}
