package dev.drydock.registry;

/**
 * A username and password (or token) for one registry. {@link #toString()} never shows the secret.
 *
 * <p>The username {@value #IDENTITY_TOKEN_USER} marks an identity token (an OAuth2 refresh token),
 * as docker's credential helpers and {@code identitytoken} in {@code config.json} give it: it is
 * exchanged at the registry's token service for an access token, never sent as Basic credentials.
 */
public record Credentials(String username, String password) {

  /** The username docker uses for identity tokens. */
  public static final String IDENTITY_TOKEN_USER = "<token>";

  public Credentials {
    if (username.isEmpty()) {
      throw new IllegalArgumentException("empty registry username");
    }
  }

  /** Credentials holding an identity token (an OAuth2 refresh token). */
  public static Credentials identityToken(String refreshToken) {
    return new Credentials(IDENTITY_TOKEN_USER, refreshToken);
  }

  public boolean isIdentityToken() {
    return username.equals(IDENTITY_TOKEN_USER);
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
