package dev.drydock.registry;

/**
 * A username and password (or token) for one registry. {@link #toString()} never shows the secret.
 */
public record Credentials(String username, String password) {
  public Credentials {
    if (username.isEmpty()) {
      throw new IllegalArgumentException("empty registry username");
    }
  }

  public String basicHeader() {
    return "Basic " + java.util.Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=****]";
  }
}
